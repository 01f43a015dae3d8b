import type { Principal } from './http/principal';

/** Who did something recorded on a timeline: a signed-in user, or the platform on its own. */
export interface TimelineActor {
  kind: 'USER' | 'SYSTEM';
  subject?: string;
  role?: string;
}

/** The timeline actor for something a user did. */
export function userActor(principal: Principal): TimelineActor & { kind: 'USER' } {
  return { kind: 'USER', subject: principal.subject, role: principal.roles[0] };
}

/** The timeline actor for something the platform did on its own. */
export const systemActor = { kind: 'SYSTEM' } as const satisfies TimelineActor;
