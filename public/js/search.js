// The search page (/search/): looks ?q= up in the search index (/search-index/, decision 18). The query
// is folded and cut by search-text.js exactly as the articles were; each part of it is ONE exact term of
// the index (a Chinese word of up to four characters as a run, a number or word by its prefix term), so a
// query fetches the meta file, a map page and a small shard per term, the long posting lists it needs and
// the articles it shows — never more because the archive is larger. Every part must match; counts are exact, or marked 约
// (and never below the truth) when a Chinese run is longer than the index's longest run and not every
// candidate has been checked. Relevance ranks by term weight (headline and labels count more) and rarity,
// with a boost for newer articles; 时间 sorts by article id, which is time order. Filters (栏目, 标签,
// 作者, 来源) are terms of the index too, the year a range of ids. A query that finds nothing because of
// a word the index does not know offers the nearest word of the site's own vocabulary (您是不是要找).
// Kept out of the page so a Content-Security-Policy can forbid inline scripts.
const PAGE = 10;
const FILTERS = ['section', 'tag', 'author', 'source'];

const root = document.getElementById('search');
const form = document.querySelector('.search-form');
if (root && form) start(root, form);

function start(root, form) {
  const data = root.dataset;
  const status = root.querySelector('.search-status');
  const suggest = root.querySelector('.search-suggest');
  const filterBox = root.querySelector('.search-filters');
  const list = root.querySelector('.search-results');
  const more = root.querySelector('.search-more');
  const browseHint = document.querySelector('.search-browse__hint');
  const browse = document.querySelector('.search-browse');
  const params = new URLSearchParams(window.location.search);
  const input = form.elements.namedItem('q');
  const sort = form.elements.namedItem('sort');
  input.value = params.get('q') || '';
  sort.value = params.get('sort') === 'time' ? 'time' : '';
  const chosen = {};
  for (const name of [...FILTERS, 'year']) if (params.get(name)) chosen[name] = params.get(name);
  const seenValues = { section: new Set(), tag: new Set(), author: new Set(), source: new Set() };

  // Start loading at once: the folding code and the index's meta.json.
  const textModule = import(data.textModule);
  const engine = openIndex(data.index);
  let generation = 0;

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    for (const name of [...FILTERS, 'year']) delete chosen[name];
    for (const name of FILTERS) seenValues[name].clear();
    run();
  });
  sort.addEventListener('change', () => run());
  if (input.value.trim()) run();

  async function run() {
    const mine = ++generation;
    const query = input.value.trim();
    updateUrl(query);
    list.replaceChildren();
    more.hidden = true;
    suggest.hidden = true;
    suggest.replaceChildren();
    if (!query) {
      status.textContent = '';
      return;
    }
    status.textContent = fill(data.searching, query, 0);
    try {
      const [text, index] = await Promise.all([textModule, engine]);
      const q = text.queryTerms(query);
      const found = await matching(index, q, chosen);
      if (mine !== generation) return;
      const ordered = sort.value === 'time' ? [...found.ids].sort((a, b) => b - a) : found.ids;
      const cursor = { at: 0, verified: 0, dropped: 0 };
      const shown = await page(index, ordered, found, text, q.pieces, mine, cursor);
      if (mine !== generation) return;
      report(found, cursor, query);
      showFilters(index.meta);
      if (ordered.length === 0 || shown === 0) await offerSpelling(index, text, q, query, mine);
    } catch (error) {
      if (mine !== generation) return;
      console.error(error);
      status.textContent = data.failed;
      root.dataset.state = 'failed';
    }
  }

  /** The count: exact when every candidate is certain or checked; otherwise 约 the candidates left. */
  function report(found, cursor, query) {
    const certain = !found.approximate || cursor.at >= found.ids.length;
    const count = found.ids.length - cursor.dropped;
    const template = count === 0 ? data.zeroResults : certain ? (count === 1 ? data.oneResult : data.manyResults) : data.aboutResults;
    status.textContent = fill(template, query, count);
    browse.hidden = count > 0;
    browseHint.hidden = count > 0;
    root.dataset.state = count === 0 ? 'empty' : 'results';
    root.dataset.count = String(count);
    root.dataset.exact = String(certain);
  }

  async function page(index, ordered, found, text, pieces, mine, cursor) {
    const items = [];
    while (items.length < PAGE && cursor.at < ordered.length) {
      const batch = ordered.slice(cursor.at, cursor.at + PAGE - items.length);
      cursor.at += batch.length;
      const docs = await Promise.all(batch.map((id) => index.doc(id)));
      for (const doc of docs) {
        if (found.approximate && !holds(text, doc, found.runs)) {
          cursor.dropped += 1;
          continue;
        }
        items.push(doc);
      }
    }
    if (mine !== generation) return 0;
    for (const item of items) {
      list.append(resultItem(item, text, pieces));
      const valuesOf = { section: [item.section], tag: item.tags, author: item.authors, source: [item.source] };
      for (const name of FILTERS) for (const value of valuesOf[name]) seenValues[name].add(value);
    }
    more.hidden = cursor.at >= ordered.length;
    more.onclick = async () => {
      await page(index, ordered, found, text, pieces, mine, cursor);
      report(found, cursor, input.value.trim());
      showFilters(index.meta);
    };
    root.dataset.shown = String(list.children.length);
    return items.length;
  }

  /** Each run the index could not look up whole must be in the article's text as written (folded). */
  function holds(text, doc, runs) {
    const folded = text.foldText(`${doc.title}\n${doc.text}\n${doc.tags.join('\n')}\n${doc.authors.join('\n')}\n${doc.source}\n${doc.section}`);
    return runs.every((run) => folded.includes(run));
  }

  async function offerSpelling(index, text, q, query, mine) {
    const folded = text.foldText(query);
    let suggestion = folded;
    let changed = false;
    for (const unit of q.units) {
      if (unit.kind !== 'phrase') continue;
      const run = runOf(unit);
      if ((await index.count(lookupTerms(unit, index.meta)[0])) > 0) continue;
      const better = await index.nearestWord(run);
      if (better) {
        suggestion = suggestion.replace(run, better);
        changed = true;
      }
    }
    if (!changed || mine !== generation) return;
    const link = document.createElement('a');
    const next = new URLSearchParams({ q: suggestion });
    if (sort.value) next.set('sort', sort.value);
    link.href = `${window.location.pathname}?${next}`;
    link.textContent = suggestion;
    link.addEventListener('click', (event) => {
      event.preventDefault();
      input.value = suggestion;
      run();
    });
    suggest.replaceChildren(data.suggest, link);
    suggest.hidden = false;
  }

  function showFilters(meta) {
    filterBox.replaceChildren();
    const options = {
      section: meta.sections,
      tag: [...seenValues.tag].sort(),
      author: [...seenValues.author].sort(),
      source: [...seenValues.source].sort(),
      year: meta.years.map(([year]) => String(year)).reverse(),
    };
    for (const name of [...FILTERS, 'year']) {
      const values = options[name].slice();
      if (chosen[name] && !values.includes(chosen[name])) values.unshift(chosen[name]);
      if (values.length < 2 && !chosen[name]) continue;
      const label = document.createElement('label');
      label.textContent = data[`filter${name[0].toUpperCase()}${name.slice(1)}`];
      const select = document.createElement('select');
      select.name = name;
      select.append(new Option(data.filterAll, ''));
      for (const value of values) select.append(new Option(value, value, false, value === chosen[name]));
      select.addEventListener('change', () => {
        if (select.value) chosen[name] = select.value;
        else delete chosen[name];
        run();
      });
      label.append(select);
      filterBox.append(label);
    }
    filterBox.hidden = filterBox.children.length === 0;
  }

  function updateUrl(query) {
    const next = new URLSearchParams();
    if (query) next.set('q', query);
    if (sort.value) next.set('sort', sort.value);
    for (const name of [...FILTERS, 'year']) if (chosen[name]) next.set(name, chosen[name]);
    const url = `${window.location.pathname}${next.size ? `?${next}` : ''}`;
    window.history.replaceState(null, '', url);
  }
}

/** The Chinese run a phrase unit stands for (its two-character terms overlap by one). */
function runOf(unit) {
  return Array.from(unit.terms[0]).concat(unit.terms.slice(1).map((pair) => Array.from(pair)[1])).join('');
}

/** The index terms of one unit: the run itself, or overlapping runs of the longest indexed length. */
function lookupTerms(unit, meta) {
  if (unit.kind !== 'phrase') return [unit.terms[0]];
  const chars = Array.from(runOf(unit));
  if (chars.length <= meta.longestRun) return [chars.join('')];
  const out = [];
  for (let i = 0; i + meta.longestRun <= chars.length; i += 1) out.push(chars.slice(i, i + meta.longestRun).join(''));
  return out;
}

/** FNV-1a over UTF-16 units, as src/search/postings.ts hashes terms into shards. */
function hashTerm(term) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < term.length; i += 1) {
    hash ^= term.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

async function fetchOk(url, kind) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return kind === 'json' ? response.json() : new Uint8Array(await response.arrayBuffer());
}

/** Opens the index from its meta file; every other file is content-addressed under /search-index/. */
async function openIndex(metaUrl) {
  const meta = await fetchOk(metaUrl, 'json');
  const base = new URL('search-index/', new URL(metaUrl, window.location.href)).pathname;
  const NAME = 6;
  const files = new Map();
  const file = (name, kind) => {
    if (!files.has(name)) files.set(name, fetchOk(`${base}${name}.${kind === 'json' ? 'json' : 'bin'}`, kind));
    return files.get(name);
  };
  /** The name at `n` in the map pages `pages` (each lists meta.mapPage names of NAME bytes). */
  const nameAt = async (pages, n) => {
    const page = await file(pages[Math.floor(n / meta.mapPage)], 'bytes');
    const at = (n % meta.mapPage) * NAME;
    return Array.from(page.subarray(at, at + NAME), (byte) => byte.toString(16).padStart(2, '0')).join('');
  };
  const decoder = new TextDecoder();
  const shards = new Map();
  const shard = (n) => {
    if (!shards.has(n)) shards.set(n, nameAt(meta.shardPages, n).then((name) => file(name, 'bytes')).then((bytes) => parseShard(bytes, decoder)));
    return shards.get(n);
  };
  const entry = async (term) => (await shard(hashTerm(term) % meta.shards)).get(term);
  const lists = new Map();
  const postings = (term) => {
    if (!lists.has(term)) {
      lists.set(term, (async () => {
        const found = await entry(term);
        if (!found) return { ids: [], weights: [], count: 0 };
        const bytes = found.bytes || (await file(found.external, 'bytes'));
        return { ...decodePostings(bytes), count: found.count };
      })());
    }
    return lists.get(term);
  };
  const doc = async (id) => {
    const chunk = await file(await nameAt(meta.chunkPages, Math.floor(id / meta.docChunk)), 'json');
    return chunk[id % meta.docChunk];
  };
  const words = (char) => file(meta.vocabulary[hashTerm(char) % meta.vocabulary.length], 'json');
  return {
    meta,
    postings,
    doc,
    count: async (term) => (await entry(term))?.count || 0,
    /** The most used word of the same length that differs from `run` in one character. */
    nearestWord: async (run) => {
      const chars = Array.from(run);
      if (chars.length < 2) return undefined;
      const candidates = [...(await words(chars[0])), ...(await words(chars[chars.length - 1]))];
      let best;
      for (const [word, count] of candidates) {
        const other = Array.from(word);
        if (other.length !== chars.length || word === run) continue;
        let differences = 0;
        for (let i = 0; i < chars.length; i += 1) if (other[i] !== chars[i]) differences += 1;
        if (differences === 1 && (!best || count > best[1] || (count === best[1] && word < best[0]))) best = [word, count];
      }
      return best && best[0];
    },
  };
}

function parseShard(bytes, decoder) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries = new Map();
  let at = 4;
  for (let n = view.getUint32(0, true); n > 0; n -= 1) {
    const length = view.getUint16(at, true);
    const term = decoder.decode(bytes.subarray(at + 2, at + 2 + length));
    at += 2 + length;
    const count = view.getUint32(at, true);
    const external = view.getUint8(at + 4) === 1;
    at += 5;
    if (external) {
      entries.set(term, { count, external: Array.from(bytes.subarray(at, at + 6), (byte) => byte.toString(16).padStart(2, '0')).join('') });
      at += 6;
    } else {
      const size = view.getUint32(at, true);
      entries.set(term, { count, bytes: bytes.subarray(at + 4, at + 4 + size) });
      at += 4 + size;
    }
  }
  return entries;
}

function decodePostings(bytes) {
  const ids = [];
  const weights = [];
  let at = 0;
  let previous = -1;
  while (at < bytes.length) {
    let gap = 0;
    let scale = 1;
    for (;;) {
      const byte = bytes[at++];
      gap += (byte & 0x7f) * scale;
      if (byte < 0x80) break;
      scale *= 128;
    }
    previous += gap;
    ids.push(previous);
    weights.push(bytes[at++]);
  }
  return { ids, weights };
}

/**
 * The articles holding every unit of the query and every chosen filter, best first: each unit's terms are
 * looked up, the lists intersected starting from the shortest, and each article scored by the rarity and
 * weight of its terms, newer articles a little ahead.
 */
async function matching(index, q, chosen) {
  const { meta } = index;
  const none = { ids: [], approximate: false, runs: [] };
  if (q.units.length === 0) return none;
  const lookups = q.units.map((unit) => lookupTerms(unit, meta));
  const runs = q.units.filter((unit) => unit.kind === 'phrase' && Array.from(runOf(unit)).length > meta.longestRun).map(runOf);
  const terms = [...new Set(lookups.flat())];
  const filterTerms = FILTERS.filter((name) => chosen[name]).map((name) => meta.filterPrefix[name] + chosen[name]);
  const lists = await Promise.all([...terms, ...filterTerms].map((term) => index.postings(term)));
  if (lists.some((list) => list.ids.length === 0)) return { ...none, runs };
  const order = lists.map((list, i) => i).sort((a, b) => lists[a].ids.length - lists[b].ids.length);
  let ids = lists[order[0]].ids;
  const scores = new Map();
  const [low, high] = yearRange(meta, chosen.year);
  ids = ids.filter((id) => id >= low && id < high);
  for (const i of order) {
    const list = lists[i];
    const isFilter = i >= terms.length;
    const idf = Math.log(1 + meta.articles / list.count);
    const kept = [];
    let j = 0;
    for (const id of ids) {
      while (j < list.ids.length && list.ids[j] < id) j += 1;
      if (list.ids[j] !== id) continue;
      kept.push(id);
      if (!isFilter) scores.set(id, (scores.get(id) || 0) + idf * Math.log2(1 + list.weights[j]));
    }
    ids = kept;
    if (ids.length === 0) break;
  }
  const score = (id) => (scores.get(id) || 0) * (1 + (0.25 * id) / Math.max(1, meta.articles));
  const ranked = ids.slice().sort((a, b) => score(b) - score(a) || b - a);
  return { ids: ranked, approximate: runs.length > 0, runs };
}

/** The ids of a year (articles are numbered in time order), or every id. */
function yearRange(meta, year) {
  if (!year) return [0, Infinity];
  const at = meta.years.findIndex(([y]) => String(y) === String(year));
  if (at < 0) return [0, 0];
  return [meta.years[at][1], at + 1 < meta.years.length ? meta.years[at + 1][1] : Infinity];
}

function resultItem(item, text, pieces) {
  const meta = item;
  const li = document.createElement('li');
  li.className = 'search-result';
  const title = document.createElement('h2');
  title.className = 'search-result__title';
  const link = document.createElement('a');
  link.href = item.url;
  link.innerHTML = marked(meta.title || item.url, text.matchRanges(meta.title || '', pieces), 0, (meta.title || '').length);
  title.append(link);
  const line = document.createElement('p');
  line.className = 'search-result__meta';
  const time = document.createElement('time');
  time.dateTime = meta.date || '';
  time.textContent = meta.date || '';
  const section = document.createElement('a');
  section.href = meta.sectionUrl || '#';
  section.textContent = meta.section || '';
  line.append(time, ' · ', section);
  const excerpt = document.createElement('p');
  excerpt.className = 'search-result__excerpt';
  const body = (meta.text || '').replace(/\s*\n\s*/g, ' ');
  excerpt.innerHTML = excerptHtml(body, text.matchRanges(body, pieces));
  li.append(title, line, excerpt);
  return li;
}

/** About 100 characters around the first match (or the opening), matches marked, "…" where cut. */
function excerptHtml(flat, ranges) {
  const firstMatch = ranges[0] ? ranges[0][0] : 0;
  let from = Math.max(0, firstMatch - 30);
  const sentence = Math.max(flat.lastIndexOf('。', firstMatch - 1), flat.lastIndexOf('！', firstMatch - 1), flat.lastIndexOf('？', firstMatch - 1));
  if (sentence >= from - 20 && sentence >= 0 && sentence < firstMatch) from = sentence + 1;
  if (from > 0 && /[\udc00-\udfff]/.test(flat[from] || '')) from -= 1;
  let to = Math.min(flat.length, from + 100);
  if (to < flat.length && /[\udc00-\udfff]/.test(flat[to] || '')) to += 1;
  return (from > 0 ? '…' : '') + marked(flat, ranges, from, to) + (to < flat.length ? '…' : '');
}

function marked(textValue, ranges, from, to) {
  let html = '';
  let at = from;
  for (const [start, end] of ranges) {
    if (end <= from || start >= to) continue;
    const s = Math.max(start, from);
    const e = Math.min(end, to);
    html += escapeHtml(textValue.slice(at, s)) + '<mark>' + escapeHtml(textValue.slice(s, e)) + '</mark>';
    at = e;
  }
  return html + escapeHtml(textValue.slice(at, to));
}

function escapeHtml(value) {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function fill(template, query, count) {
  return template.replace('[SEARCH_TERM]', query).replace('[COUNT]', String(count));
}
