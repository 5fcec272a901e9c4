import { useQuery } from '@tanstack/react-query';
import { api, type Schemas, unwrap } from '../api/client';

export type Mission = Schemas['MissionResponseDto'];
export type Meeting = Schemas['MeetingResponseDto'];

export const MISSION_STATUSES = ['draft', 'planned', 'ongoing', 'completed', 'cancelled'] as const;
export const MISSION_TYPES = ['economic_mission', 'state_visit', 'sector_mission', 'trade_fair', 'other'] as const;
export const MEETING_KINDS = ['b2b', 'official', 'seminar', 'forum', 'site_visit', 'reception', 'other'] as const;
export const AGREEMENT_TYPES = ['mou', 'loi', 'cooperation_agreement', 'contract'] as const;
export const AGREEMENT_STATUSES = ['planned', 'signed', 'in_force', 'expired', 'terminated'] as const;

export function useMission(id: string | undefined) {
  return useQuery({
    queryKey: ['mission', id],
    queryFn: () => unwrap(api.GET('/api/v1/missions/{id}', { params: { path: { id: id! } } })),
    enabled: Boolean(id),
  });
}

/** Every meeting of a mission (for its charts), page by page. */
export function useAllMeetings(missionId: string) {
  return useQuery({
    queryKey: ['meetings', 'all', missionId],
    queryFn: async () => {
      const meetings: Meeting[] = [];
      for (let offset = 0; offset <= 10_000; offset += 200) {
        const page = await unwrap(api.GET('/api/v1/meetings', { params: { query: { missionId, limit: 200, offset } } }));
        meetings.push(...page.items);
        if (meetings.length >= page.total || page.items.length === 0) break;
      }
      return meetings;
    },
  });
}

/** Meetings per calendar day of the mission's time zone, by kind: what the chart draws. */
export function meetingsPerDay(meetings: Meeting[], timeZone: string): { day: string; [kind: string]: number | string }[] {
  const dayOf = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  const days = new Map<string, Record<string, number>>();
  for (const meeting of meetings) {
    const day = dayOf.format(new Date(meeting.startsAt));
    const counts = days.get(day) ?? {};
    counts[meeting.kind] = (counts[meeting.kind] ?? 0) + 1;
    days.set(day, counts);
  }
  return [...days.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([day, counts]) => ({ day, ...counts }));
}
