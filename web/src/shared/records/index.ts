/*
 * What the customer screens (people, organisations, leads, imports, custom fields) share:
 * record types, the API seam, the list page, filters, views, bulk actions, timeline and the
 * small building blocks of the 360° pages. Never imports a feature. The list page (with the
 * data grid) is imported from RecordListPage.tsx directly, so the 360° pages do not load the grid.
 */
export * from './records.types.ts';
export * from './records.api.ts';
export * from './filter-model.ts';
export { LEAD_SOURCE_LABELS, LEAD_STATUS_LABELS, ORGANIZATION_SIZE_LABELS, ORGANIZATION_TYPE_LABELS, fieldLabel, optionLabel } from './field-catalog.ts';
export { useFieldCatalog, fieldCatalogKey } from './fields.api.ts';
export { FieldValue, fieldValueOf } from './FieldValue.tsx';
export { FilterButton } from './FilterBuilder.tsx';
export { FilterChips, useDescribeCondition } from './FilterChips.tsx';
export { ViewsMenu } from './ViewsMenu.tsx';
export { ColumnChooser } from './ColumnChooser.tsx';
export { BulkBar } from './BulkBar.tsx';
export { Timeline } from './Timeline.tsx';
export { registerTimelineRenderer, type TimelineRenderer, type TimelineRendererProps } from './timeline-renderers.ts';
export { timelineSentences, changedFields, valueText, type SentenceContext } from './timeline-sentences.ts';
export { DuplicateWarning, useReasonText } from './DuplicateWarning.tsx';
export { CustomFieldInputs, customValuesForApi } from './CustomFieldInputs.tsx';
export { CustomValue } from './CustomValue.tsx';
export { customValueText } from './custom-values.ts';
export { ContactListEditor, contactDrafts, contactsForApi, type ContactDraft } from './ContactListEditor.tsx';
export { ContactLinks, LtrCell, OwnerSelect, TagChips, TagsEditor, useOwnerName, usePhoneText } from './RecordBits.tsx';
export { CustomFieldsSection, DetailList, InlineOwner, InlineTags, Section, VerifyButton } from './DetailBits.tsx';
export { useDebounced } from './useDebounced.ts';
export { RecordPicker, type PickedRecord } from './RecordPicker.tsx';
export { MergePanel, useMergeRecords } from './MergePanel.tsx';
export { ContactSection, DetailsSection, RecordHeader, RecordPageLayout, RecordRoute } from './RecordPage.tsx';
export { EditRecordDialog } from './EditRecordDialog.tsx';
export { LinkRecordDialog, UnlinkButton } from './LinkRecordDialog.tsx';
export { QuickCreateDialog, comparableContacts, namedProbe, useQuickCreate } from './QuickCreateDialog.tsx';
export { CustomFieldsRow, FormGrid, FullRow, type FormMode, type RecordForm, type RecordFormFieldsProps } from './RecordForm.tsx';
export { patchBetween, textOrNull } from './record-patch.ts';
