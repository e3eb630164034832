export { PeopleListPage } from './PeopleListPage.tsx';
export { PersonPage } from './PersonPage.tsx';
