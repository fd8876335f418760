// The search page (/search/): runs ?q= against the search partitions listed in /pagefind/partitions.json
// through Pagefind's JS API (the newest partition is the primary index, the others are merged into it).
// The query is folded and cut by search-text.js exactly as the index was. Every term must match in the
// same article, and a Chinese run must appear as a run (Pagefind alone would drop a term it does not
// know, or match a shorter word instead, and accept the characters anywhere on the page). Results show the
// headline, date, section and an excerpt around the match with the whole matched words marked.
// Kept out of the page so a Content-Security-Policy can forbid inline scripts.
const PAGE = 10;
const FILTERS = ['section', 'tag', 'author', 'source'];

const root = document.getElementById('search');
const form = document.querySelector('.search-form');
if (root && form) start(root, form);

function start(root, form) {
  const data = root.dataset;
  const status = root.querySelector('.search-status');
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
  for (const name of FILTERS) if (params.get(name)) chosen[name] = params.get(name);

  // Start loading at once: the folding code, the partition list and Pagefind with its WebAssembly.
  const textModule = import(data.textModule);
  const engine = loadEngine(data.partitions);
  let generation = 0;

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    for (const name of FILTERS) delete chosen[name];
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
    if (!query) {
      status.textContent = '';
      return;
    }
    status.textContent = fill(data.searching, query, 0);
    try {
      const [text, { pagefind, partitions }] = await Promise.all([textModule, engine]);
      const q = text.queryTerms(query);
      const filters = filtersFor();
      const found = await matching(pagefind, q, filters);
      if (mine !== generation) return;
      showFilters(found.filters);
      const count = found.exact ? found.verified.length : found.candidates.length;
      status.textContent = fill(count === 0 ? data.zeroResults : count === 1 ? data.oneResult : data.manyResults, query, count);
      browse.hidden = count > 0;
      browseHint.hidden = count > 0;
      root.dataset.state = count === 0 ? 'empty' : 'results';
      if (count === 0) return;
      const ordered = sort.value === 'time' ? byTime(pagefind, partitions, q, found, filters) : byScore(found);
      await page(ordered, text, q.pieces, mine, found.exact ? found.verified.length : Infinity);
    } catch (error) {
      if (mine !== generation) return;
      console.error(error);
      status.textContent = data.failed;
      root.dataset.state = 'failed';
    }
  }

  function filtersFor() {
    const filters = {};
    for (const name of FILTERS) if (chosen[name]) filters[name] = chosen[name];
    return filters;
  }

  async function page(ordered, text, pieces, mine, total) {
    const next = await ordered.take(PAGE);
    const items = await Promise.all(next.map((result) => result.data()));
    if (mine !== generation) return;
    for (const item of items) list.append(resultItem(item, text, pieces));
    more.hidden = list.children.length >= total || next.length < PAGE || !ordered.more();
    more.onclick = () => page(ordered, text, pieces, mine, total);
    root.dataset.shown = String(list.children.length);
  }

  function showFilters(counts) {
    filterBox.replaceChildren();
    for (const name of FILTERS) {
      const values = Object.keys(counts[name] || {}).filter((value) => counts[name][value] > 0 || value === chosen[name]).sort();
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
    for (const name of FILTERS) if (chosen[name]) next.set(name, chosen[name]);
    const url = `${window.location.pathname}${next.size ? `?${next}` : ''}`;
    window.history.replaceState(null, '', url);
  }
}

async function loadEngine(partitionsUrl) {
  const response = await fetch(partitionsUrl);
  if (!response.ok) throw new Error(`${partitionsUrl}: ${response.status}`);
  const { partitions } = await response.json();
  if (partitions.length === 0) return { pagefind: null, partitions };
  const [primary, ...others] = partitions;
  const pagefind = await import(`${primary.path}pagefind.js`);
  // Pagefind cuts the query again with the browser's word segmenter (the page is zh-CN): a two-character
  // term may become two characters. That only widens the candidates, which matching() then checks.
  await pagefind.options({ basePath: primary.path, baseUrl: '/', excerptLength: 0 });
  await Promise.all(others.map((p) => pagefind.mergeIndex(p.path, { baseUrl: '/' })));
  return { pagefind, partitions };
}

/**
 * Pagefind finds candidates (it matches words by prefix, falls back to a shorter word when nothing
 * starts with a term, and drops unknown terms); each candidate is then checked against its own terms
 * (the fragment's content is the article cut by search-text.js): a Chinese run must be there as a run of
 * two-character terms, a number, one character or an ASCII word must start a term. Up to VERIFY_ALL
 * candidates are checked at once, so the count is exact; beyond that they are checked page by page.
 */
const VERIFY_ALL = 200;

async function matching(pagefind, q, filters) {
  if (!pagefind || q.units.length === 0) return { candidates: [], verified: [], exact: true, filters: {}, check: async () => false };
  const full = await pagefind.search(q.terms.join(' '), { filters });
  const checked = new Map();
  const check = (result) => {
    if (!checked.has(result.id)) checked.set(result.id, result.data().then((data) => holds(data.content, q.units)));
    return checked.get(result.id);
  };
  const candidates = full.results;
  const exact = candidates.length <= VERIFY_ALL;
  const verified = exact ? (await Promise.all(candidates.map(async (r) => ((await check(r)) ? r : null)))).filter(Boolean) : [];
  return { candidates, verified, exact, filters: full.filters || {}, check };
}

function holds(content, units) {
  const terms = ` ${content.split(/\s+/).filter(Boolean).join(' ')} `;
  return units.every((unit) =>
    unit.kind === 'phrase' ? terms.includes(` ${unit.terms.join(' ')} `) : terms.includes(` ${unit.terms[0]}`),
  );
}

/** Relevance order: Pagefind's, keeping the candidates that hold. */
function byScore(found) {
  let at = 0;
  return {
    take: async (n) => {
      const out = [];
      while (out.length < n && at < found.candidates.length) {
        const next = found.candidates[at++];
        if (await found.check(next)) out.push(next);
      }
      return out;
    },
    more: () => at < found.candidates.length && (!found.exact || found.verified.some((r) => found.candidates.indexOf(r) >= at)),
  };
}

/** Newest first: one period at a time (partitions are newest first), Pagefind sorting inside a period. */
function byTime(pagefind, partitions, q, found, filters) {
  const queue = [];
  let next = 0;
  return {
    take: async (n) => {
      while (queue.length < n && next < partitions.length) {
        const period = partitions[next++].key;
        const inPeriod = await pagefind.search(q.terms.join(' '), { filters: { ...filters, period }, sort: { date: 'desc' } });
        for (const result of inPeriod.results) if (await found.check(result)) queue.push(result);
      }
      return queue.splice(0, n);
    },
    more: () => queue.length > 0 || next < partitions.length,
  };
}

function resultItem(item, text, pieces) {
  const meta = item.meta || {};
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
