export { createTerritoriesService, type TerritoriesService, type Territory, type Coverage, type CoverageRow } from './territories.service.ts';
export { createTeamsService, type TeamsService, type Team } from './teams.service.ts';
export { registerTerritoriesRoutes, registerTeamsRoutes } from './territories.routes.ts';
export { territoriesRepository, type TerritoryRow } from './territories.repository.ts';
export { teamsRepository, type TeamRow } from './teams.repository.ts';
export { territoryErrors, territoryFieldError } from './territories.errors.ts';
export { currentFiscalYear, type FiscalYear } from './fiscal-year.ts';
export { ZTerritory, ZTeam, ZCoverage, TERRITORY_ROLES } from './territories.contract.ts';
export { territories, territoryMembers, teams, teamMembers, type TerritoryRole } from './territories.schema.ts';
