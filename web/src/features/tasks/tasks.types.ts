import type { LinkInput, LinkRef } from '../activities/activities.types.ts';

/* Tasks as the API returns them (docs/design/activities-modules.md, "tasks"). */

export type TaskPriority = 'low' | 'normal' | 'high' | 'urgent';
export type TaskStatus = 'open' | 'in_progress' | 'done' | 'cancelled';
export type Frequency = 'daily' | 'weekly' | 'monthly' | 'yearly';
export type Recurrence = { frequency: Frequency; interval: number; calendar: 'jalali' | 'gregorian'; until: string | null };

export const PRIORITIES: readonly TaskPriority[] = ['urgent', 'high', 'normal', 'low'];
export const FREQUENCIES: readonly Frequency[] = ['daily', 'weekly', 'monthly', 'yearly'];

export type Task = {
  id: string;
  title: string;
  description: string | null;
  owner: { id: string; name: string } | null;
  /** The due day in the workspace's zone, 'YYYY-MM-DD'. */
  dueDate: string | null;
  /** 'HH:MM' on the workspace's wall clock; null for an all-day task. */
  dueTime: string | null;
  dueAt: string | null;
  allDay: boolean;
  priority: TaskPriority;
  status: TaskStatus;
  completedAt: string | null;
  completedBy: { id: string; name: string } | null;
  reminderMinutes: number | null;
  recurrence: Recurrence | null;
  seriesId: string | null;
  source: string;
  links: LinkRef[];
  overdue: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
};

export type MyTasks = { overdue: Task[]; today: Task[]; upcoming: Task[]; noDate: Task[] };
export type MyTasksSection = keyof MyTasks;
export const SECTIONS: readonly MyTasksSection[] = ['overdue', 'today', 'upcoming', 'noDate'];

export type TaskInput = {
  title: string;
  description?: string | null;
  ownerId?: string | null;
  dueDate?: string | null;
  dueTime?: string | null;
  priority?: TaskPriority;
  reminderMinutes?: number | null;
  recurrence?: { frequency: Frequency; interval?: number; calendar?: 'jalali' | 'gregorian'; until?: string | null } | null;
  links?: LinkInput[];
};
