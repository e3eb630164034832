import type { ComponentType } from 'react';
import type { RecordType, TimelineItem } from './records.types.ts';

/*
 * Features that own a timeline source (activities' calls, meetings and notes) draw its items
 * themselves; every other item stays a sentence. Registered by the feature when it loads, so the
 * shared timeline never imports a feature.
 */

export type TimelineRendererProps = { item: TimelineItem; entityType: RecordType; subjectId: string };
export type TimelineRenderer = ComponentType<TimelineRendererProps>;

const renderers = new Map<string, TimelineRenderer>();

export function registerTimelineRenderer(source: string, renderer: TimelineRenderer): void {
  renderers.set(source, renderer);
}

export function timelineRendererFor(source: string): TimelineRenderer | undefined {
  return renderers.get(source);
}
