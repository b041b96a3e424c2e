import path from 'node:path';
import { createUseLiteEmbedder } from '../embedding/use-engine.js';
import { withCache } from '../embedding/cached-embedder.js';
import { embedAll } from './embed-all.js';
import { DEFAULT_DATASETS } from './datasets/labelled.js';
import { loadClinc } from './datasets/clinc.js';
import { loadTweetEval } from './datasets/tweeteval.js';
import { loadComplaints } from './datasets/complaints.js';
import { loadBitext } from './datasets/bitext.js';
import { stderrLog } from '../../shared/log.js';

/** Fills the disk cache with every data set's embeddings (slow once, then eval runs are quick). */
const embedder = withCache(await createUseLiteEmbedder({ cacheDir: './data/cache', log: stderrLog }), { cacheDir: './data/cache' });
const d = DEFAULT_DATASETS;
const which = process.argv.slice(2);
const want = (s: string): boolean => which.length === 0 || which.includes(s);
if (want('tweeteval'))
  await embedAll(
    embedder,
    loadTweetEval(path.join(d, 'tweeteval/sentiment/val_text.txt')).map((x) => x.text),
    'tweeteval',
  );
if (want('complaints'))
  await embedAll(
    embedder,
    loadComplaints(path.join(d, 'complaints/complaints-data.csv')).map((x) => x.text),
    'complaints',
  );
if (want('clinc150')) {
  const c = loadClinc(path.join(d, 'clinc150/data_full.json'));
  await embedAll(
    embedder,
    [...c.train, ...c.val, ...c.test, ...c.oosTrain, ...c.oosVal, ...c.oosTest].map((x) => x.text),
    'clinc150',
  );
}
if (want('bitext'))
  await embedAll(
    embedder,
    loadBitext(path.join(d, 'bitext/bitext-customer-support.csv')).map((x) => x.text),
    'bitext',
  );
