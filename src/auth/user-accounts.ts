import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { EntityManager } from 'typeorm';
import { ConflictError, ValidationFailedError } from '../common/errors.js';
import { hashPassword } from '../users/password.js';
import { User } from '../users/user.entity.js';
import { UserCreateDto } from '../users/users.dto.js';
import { isDuplicateEmail } from '../users/users.repository.js';

/** The input checked by the same rules as POST /users, with the password required. */
export async function validUserInput(input: Record<string, unknown>): Promise<UserCreateDto & { password: string }> {
  const dto = plainToInstance(UserCreateDto, input);
  const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
  const details = errors.flatMap((error) => Object.values(error.constraints ?? {}).map((message) => ({ field: error.property, message })));
  if (dto.password === undefined) details.push({ field: 'password', message: 'password is required' });
  if (details.length > 0) throw new ValidationFailedError(details);
  return dto as UserCreateDto & { password: string };
}

/**
 * A user who can sign in, added outside HTTP (first admin, CLI, tests). An address already in
 * use is a ConflictError, as on POST /users.
 */
export async function addUser(manager: EntityManager, { password, ...input }: UserCreateDto & { password: string }): Promise<User> {
  const email = input.email.trim().toLowerCase();
  const taken = await manager.createQueryBuilder(User, 'u').where('lower(u.email) = lower(:email)', { email }).getExists();
  if (taken) throw duplicate(email);
  const passwordHash = await hashPassword(password);
  try {
    return await manager.save(User, manager.create(User, { ...input, email, passwordHash }));
  } catch (error) {
    if (isDuplicateEmail(error)) throw duplicate(email);
    throw error;
  }
}

const duplicate = (email: string): ConflictError =>
  new ConflictError(`another user already has e-mail address ${email}`, [{ field: 'email', message: 'already used by another user' }]);
