export { PersonMessagingActions } from './PersonMessagingActions.tsx';
export { ComposeDialog, type ComposeChannel } from './ComposeDialog.tsx';
