import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { type EntityManager } from 'typeorm';
import { ConflictError, ValidationFailedError } from '../common/errors.js';
import { hashPassword } from './password.js';
import { User } from './user.entity.js';
import { UserCreateDto } from './users.dto.js';
import { findUserByEmail, isDuplicateEmail } from './users.repository.js';

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
 * The one way a user is made: by POST /users, the first admin and the CLI. The address is kept
 * trimmed and in lower case; one already in use by a user who is not archived is a
 * ConflictError, also when a concurrent request takes it first (the unique index decides).
 * Without a password the user signs in once they set one through an invitation.
 */
export async function addUser(manager: EntityManager, { password, ...input }: UserCreateDto): Promise<User> {
  const email = input.email.trim().toLowerCase();
  if (await findUserByEmail(manager, email)) throw duplicateEmail(email);
  const passwordHash = password === undefined ? null : await hashPassword(password);
  try {
    return await manager.save(User, manager.create(User, { ...input, email, passwordHash }));
  } catch (error) {
    if (isDuplicateEmail(error)) throw duplicateEmail(email);
    throw error;
  }
}

/** Another user (not archived) has this address. */
export const duplicateEmail = (email: string): ConflictError =>
  new ConflictError(`another user already has e-mail address ${email}`, [{ field: 'email', message: 'already used by another user' }]);
