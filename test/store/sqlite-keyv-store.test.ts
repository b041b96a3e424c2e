import Keyv from 'keyv';
import { expect, it } from 'vitest';
import { openDatabase } from '../../store/open-database.js';
import { createSqliteKeyvStore } from '../../store/sqlite-keyv-store.js';
import { tempDirs } from '../helpers/temp-dirs.js';

const tempDir = tempDirs('fr-kv-');

it('keeps the writes of one event-loop turn in their order, on disk for the next process', async () => {
  const dir = tempDir();
  const db = openDatabase(dir);
  const kv = new Keyv({ store: createSqliteKeyvStore(db), namespace: 'channel:x' });
  // Not awaited one by one: a burst of sends remembering thread roots, as the channel does.
  await Promise.all([...Array.from({ length: 500 }, (_, i) => kv.set(`root:${i}`, `thread-${i}`)), kv.set('gone', 'soon')]);
  await Promise.all([kv.delete('gone'), kv.set('back', 'first'), kv.delete('back'), kv.set('back', 'again')]);
  expect(await kv.get('root:499')).toBe('thread-499');
  expect(await kv.get('gone')).toBeUndefined();
  expect(await kv.get('back')).toBe('again');
  db.close();

  const reopened = new Keyv({ store: createSqliteKeyvStore(openDatabase(dir)), namespace: 'channel:x' });
  expect(await reopened.get('root:0')).toBe('thread-0');
  expect(await reopened.get('back')).toBe('again');
});
