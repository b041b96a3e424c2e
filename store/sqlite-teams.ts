import type { SqliteDatabase } from './open-database.js';
import type { HandoffSample, Team, TeamStore } from './team-store.js';
import { taggedKey } from './thread-tags.js';
import { nextAfter } from './team-rotation.js';

interface TeamRow {
  name: string;
  webhook_url: string | null;
  webhook_format: 'slack' | 'teams' | null;
  members: string | null;
}

/** Teams and thread teams in their tables; a thread's new team and its event in one transaction. */
export function createSqliteTeams(db: SqliteDatabase): TeamStore {
  const list = db.prepare(`
    SELECT t.name, t.webhook_url, t.webhook_format,
      (SELECT json_group_array(user_name) FROM (SELECT user_name FROM team_members m WHERE m.team = t.name ORDER BY user_name)) AS members
    FROM teams t ORDER BY t.name`);
  const upsert = db.prepare(
    'INSERT INTO teams (name, webhook_url, webhook_format) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET webhook_url = excluded.webhook_url, webhook_format = excluded.webhook_format',
  );
  const clearMembers = db.prepare('DELETE FROM team_members WHERE team = ?');
  const addMember = db.prepare('INSERT INTO team_members (team, user_name) VALUES (?, ?) ON CONFLICT DO NOTHING');
  const remove = db.prepare('DELETE FROM teams WHERE name = ?');
  const teamOf = db.prepare('SELECT team FROM thread_teams WHERE channel = ? AND thread_id = ?').pluck();
  const setTeam = db.prepare(
    'INSERT INTO thread_teams (channel, thread_id, team) VALUES (?, ?, ?) ON CONFLICT (channel, thread_id) DO UPDATE SET team = excluded.team',
  );
  const clearTeam = db.prepare('DELETE FROM thread_teams WHERE channel = ? AND thread_id = ?');
  const insertEvent = db.prepare('INSERT INTO thread_events (channel, thread_id, type, actor, at, data) VALUES (?, ?, ?, ?, ?, ?)');
  const teamsIn = db.prepare(`
    SELECT tt.channel, tt.thread_id, tt.team FROM json_each(?) j
    JOIN thread_teams tt ON tt.channel = json_extract(j.value, '$[0]') AND tt.thread_id = json_extract(j.value, '$[1]')`);
  const setPriority = db.prepare(
    'UPDATE threads SET routed_priority = ?, updated_at = ? WHERE channel = ? AND thread_id = ? AND routed_priority IS NOT ?',
  );
  const lastPick = db.prepare('SELECT last_pick FROM team_rotation WHERE team = ?').pluck();
  const savePick = db.prepare(
    'INSERT INTO team_rotation (team, last_pick) VALUES (?, ?) ON CONFLICT (team) DO UPDATE SET last_pick = excluded.last_pick',
  );
  const addSample = db.prepare('INSERT INTO handoff_samples (sample) VALUES (?)');
  const trimSamples = db.prepare('DELETE FROM handoff_samples WHERE id <= (SELECT max(id) FROM handoff_samples) - ?');
  const recent = db.prepare('SELECT sample FROM handoff_samples ORDER BY id DESC LIMIT ?').pluck();

  const save = db.transaction((team: Team) => {
    upsert.run(team.name, team.webhook?.url ?? null, team.webhook?.format ?? null);
    clearMembers.run(team.name);
    for (const member of team.members) addMember.run(team.name, member);
  });
  const route = db.transaction((r: Parameters<TeamStore['setThreadTeam']>[0]) => {
    const before = (teamOf.get(r.channel, r.threadId) as string | undefined) ?? null;
    if (before === r.team) return false;
    if (r.team === null) clearTeam.run(r.channel, r.threadId);
    else setTeam.run(r.channel, r.threadId, r.team);
    insertEvent.run(r.channel, r.threadId, 'route', r.actor, r.now, JSON.stringify({ team: r.team, from: before }));
    return true;
  });
  const rotate = db.transaction((team: string, candidates: readonly string[]) => {
    const pick = nextAfter(candidates, (lastPick.get(team) as string | undefined) ?? null);
    if (pick !== undefined) savePick.run(team, pick);
    return pick;
  });
  const record = db.transaction((sample: HandoffSample, keep: number) => {
    addSample.run(JSON.stringify(sample));
    trimSamples.run(keep);
  });

  return {
    async listTeams() {
      return (list.all() as TeamRow[]).map((r) => ({
        name: r.name,
        members: JSON.parse(r.members ?? '[]') as string[],
        webhook: r.webhook_url && r.webhook_format ? { url: r.webhook_url, format: r.webhook_format } : null,
      }));
    },
    async saveTeam(team) {
      save(team);
    },
    async deleteTeam(name) {
      return remove.run(name).changes === 1;
    },
    async setThreadTeam(request) {
      return route(request);
    },
    async threadTeams(threads) {
      const teams = new Map<string, string>();
      if (threads.length === 0) return teams;
      const rows = teamsIn.all(JSON.stringify(threads.map((t) => [t.channel, t.threadId]))) as {
        channel: string;
        thread_id: string;
        team: string;
      }[];
      for (const r of rows) teams.set(taggedKey({ channel: r.channel, threadId: r.thread_id }), r.team);
      return teams;
    },
    async setRoutedPriority(r) {
      return setPriority.run(r.priority, r.now, r.channel, r.threadId, r.priority).changes === 1;
    },
    async nextInRotation(team, candidates) {
      return rotate(team, candidates);
    },
    async recordHandoffSample(sample, keep) {
      record(sample, keep);
    },
    async recentHandoffSamples(limit) {
      return (recent.all(limit) as string[]).map((s) => JSON.parse(s) as HandoffSample);
    },
  };
}
