import { SetMetadata } from '@nestjs/common';
import type { UserRole } from '../users/user.entity.js';

export const IS_PUBLIC = 'auth:public';
export const ALLOWED_ROLES = 'auth:roles';

/** Served without a token (sign-in, health). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/**
 * Only these roles may call the route, whatever its method. Without it the default rule applies:
 * reads for every signed-in user, changes for officers and admins.
 */
export const Roles = (...roles: UserRole[]): MethodDecorator & ClassDecorator => SetMetadata(ALLOWED_ROLES, roles);
