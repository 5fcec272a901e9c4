import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension, ApiResponse, ApiSecurity } from '@nestjs/swagger';
import { ErrorResponseDto } from '../common/error-response.dto.js';
import { USER_ROLES, type UserRole } from '../users/user.entity.js';

export const IS_PUBLIC = 'auth:public';
export const ALLOWED_ROLES = 'auth:roles';

/**
 * Served without a token (sign-in, health). The OpenAPI document says so with an empty
 * security requirement, which overrides the document's bearer requirement.
 */
export const Public = (): MethodDecorator & ClassDecorator => applyDecorators(SetMetadata(IS_PUBLIC, true), ApiSecurity({}));

/**
 * Only these roles may call the route, whatever its method. Without it the default rule applies:
 * reads for every signed-in user, changes for officers and admins.
 */
export const Roles = (...roles: UserRole[]): MethodDecorator & ClassDecorator => {
  const everyone = USER_ROLES.every((role) => roles.includes(role));
  return applyDecorators(
    SetMetadata(ALLOWED_ROLES, roles),
    // Read by the document's description of who may call the operation.
    ApiExtension('x-roles', roles),
    ...(everyone ? [] : [ApiResponse({ status: 403, description: `Only ${roles.join(' or ')} users may do this`, type: ErrorResponseDto })]),
  );
};
