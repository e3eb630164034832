export * from './members.permissions.ts';
export { membersRepository } from './members.repository.ts';
export { createMembersService, type MembersService, type Member } from './members.service.ts';
export { registerMembersRoutes, ZMember, ZRole } from './members.routes.ts';
