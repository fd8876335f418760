// The editing room's own script, loaded after Decap CMS on /admin/ (plain browser JavaScript, served
// as it is). It (1) names a new article's file after the pinyin of its title, as `npm run new` does,
// (2) tidies lists typed with Chinese commas, and (3) previews an article with the site's own
// markup and stylesheet. Settings come from the page's JSON block, written by the build.
(function () {
  'use strict';
  var CMS = window.CMS;
  var h = window.h;
  var pinyinPro = window.pinyinPro;
  var page = JSON.parse(document.getElementById('broadsheet-cms').textContent);

  // The same steps as suggestSlug() and fileNameFor() in src/content/ (slugs.ts, scaffold.ts).
  async function fileNameFor(title) {
    var syllables = pinyinPro.pinyin(title, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true });
    var slug = syllables
      .join('-')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/, '');
    if (!slug) slug = await shortHash(title);
    return slug.split('-').slice(0, page.nameWords).join('-');
  }

  async function shortHash(text) {
    var digest = await crypto.subtle.digest('SHA-1', new TextEncoder().encode(text));
    return Array.from(new Uint8Array(digest), function (byte) { return byte.toString(16).padStart(2, '0'); }).join('').slice(0, 6);
  }

  /** "民生，城市交通、教育" typed in one box becomes three tags; duplicates and blanks go. */
  function tidyList(list) {
    var seen = [];
    list.forEach(function (item) {
      String(item).split(/[,，、;；]/).forEach(function (part) {
        var word = part.trim();
        if (word && seen.indexOf(word) === -1) seen.push(word);
      });
    });
    return seen;
  }

  /**
   * The year folder ({{year}} in the collection's path) is the year of the timestamp as written, as
   * with `npm run new`. Decap takes {{year}} from a field named "date" or else from the clock (in UTC),
   * so for the one tick in which it names a new file, the clock reads the written time as UTC. Decap
   * (pinned at 3.16.3) names the file synchronously after this handler; the clock is restored after.
   */
  function pinClockToTimestamp(value) {
    var parts = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})/.exec(String(value || ''));
    if (!parts) return;
    var written = Date.UTC(+parts[1], +parts[2] - 1, +parts[3], +parts[4], +parts[5]);
    var realNow = Date.now;
    Date.now = function () { return written; };
    setTimeout(function () { Date.now = realNow; }, 0);
  }

  function isBlank(value) {
    return value === undefined || value === null || String(value).trim() === '';
  }

  /**
   * An optional group (the cover) is either left out entirely or complete: an empty group is dropped
   * from the file, a partly filled one stops the save with a message naming what is missing.
   */
  function checkGroups(data) {
    Object.keys(page.groups).forEach(function (name) {
      var group = data.get(name);
      if (!group || typeof group.every !== 'function') return;
      if (group.every(isBlank)) {
        data = data.delete(name);
        return;
      }
      var rule = page.groups[name];
      var missing = Object.keys(rule.required).filter(function (key) { return isBlank(group.get(key)); });
      if (missing.length > 0) {
        var named = missing.map(function (key) { return rule.required[key]; }).join('、');
        throw new Error(page.messages.groupIncomplete.split('{group}').join(rule.label).split('{missing}').join(named));
      }
    });
    return data;
  }

  CMS.registerEventListener({
    name: 'preSave',
    handler: async function (event) {
      var entry = event.entry;
      var data = entry.get('data');
      if (entry.get('newRecord') && !data.get('slug') && data.get('title')) {
        data = data.set('slug', await fileNameFor(String(data.get('title'))));
      }
      if (entry.get('newRecord')) pinClockToTimestamp(data.get('timestamp'));
      data = checkGroups(data);
      ['tags', 'author', 'editor'].forEach(function (key) {
        var value = data.get(key);
        if (!value || typeof value.toArray !== 'function') return;
        var before = value.toArray();
        var after = tidyList(before);
        if (after.length !== before.length || after.some(function (word, index) { return word !== before[index]; })) {
          data = data.set(key, value.clear().concat(after));
        }
      });
      return data;
    },
  });

  // --- 发布时间: a text box read and written as YYYY-MM-DD HH:mm[:ss] in site (Beijing) time. ---
  // Decap's own date-time widget is the browser's native picker, which follows the browser's locale
  // (typing 12 05 2026 into an en-US box made the year 1902). This one never converts a time zone: the
  // text typed is the site time written to the file; 现在 reads the clock in the site's time zone.
  var time = page.time;

  /** "2026-12-05 9:00", "2026/12/05 09:00:30", "202612050900" → "2026-12-05 09:00:00"; null if not a real time. */
  function normalizeTime(text) {
    var written = String(text || '').trim();
    var parts = /^(\d{4})\D+(\d{1,2})\D+(\d{1,2})\D+(\d{1,2})\D+(\d{1,2})(?:\D+(\d{1,2}))?$/.exec(written) ||
      /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?$/.exec(written);
    if (!parts) return null;
    var n = parts.slice(1).map(function (part) { return part === undefined ? 0 : Number(part); });
    var days = new Date(Date.UTC(n[0], n[1], 0)).getUTCDate();
    if (n[1] < 1 || n[1] > 12 || n[2] < 1 || n[2] > days || n[3] > 23 || n[4] > 59 || n[5] > 59) return null;
    var two = function (value) { return String(value).padStart(2, '0'); };
    return n[0] + '-' + two(n[1]) + '-' + two(n[2]) + ' ' + two(n[3]) + ':' + two(n[4]) + ':' + two(n[5]);
  }

  /** Now, in the site's time zone, as YYYY-MM-DD HH:mm:ss. */
  function nowInSiteTime() {
    var parts = {};
    new Intl.DateTimeFormat('en-GB', { timeZone: time.zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
      .formatToParts(new Date())
      .forEach(function (part) { parts[part.type] = part.value; });
    return parts.year + '-' + parts.month + '-' + parts.day + ' ' + parts.hour + ':' + parts.minute + ':' + parts.second;
  }

  /** A stored value as text (a YAML timestamp read as a Date was written without a zone: its UTC fields). */
  function timeText(value) {
    return value instanceof Date ? value.toISOString().slice(0, 19).replace('T', ' ') : String(value);
  }

  /** What a stored value shows in the box: seconds are left out when they are :00. */
  function shownTime(value) {
    if (value === undefined || value === null) return '';
    var text = timeText(value);
    var normal = normalizeTime(text);
    return normal ? normal.replace(/:00$/, '') : text;
  }

  var SiteTimeControl = window.createClass({
    getInitialState: function () {
      return { text: shownTime(this.props.value) };
    },
    componentDidMount: function () {
      if (this.props.value === '{{now}}') this.setNow();
    },
    componentDidUpdate: function (previous) {
      // A value set from outside (an entry loaded, 现在) replaces what the box shows.
      if (previous.value !== this.props.value && this.props.value !== this.emitted) this.setState({ text: shownTime(this.props.value) });
    },
    emit: function (value) {
      this.emitted = value;
      this.props.onChange(value);
    },
    setNow: function () {
      var now = nowInSiteTime();
      this.setState({ text: now.replace(/:00$/, '') });
      this.emit(now);
    },
    handleInput: function (event) {
      var text = event.target.value;
      this.setState({ text: text });
      this.emit(text.trim() === '' ? '' : normalizeTime(text) || text);
    },
    handleBlur: function () {
      var normal = normalizeTime(this.state.text);
      if (normal) this.setState({ text: normal.replace(/:00$/, '') });
      this.props.setInactiveStyle();
    },
    isValid: function () {
      var value = this.props.value;
      if (value === undefined || value === null || String(value).trim() === '') return true;
      if (normalizeTime(timeText(value))) return true;
      return { error: { message: time.invalid.split('{field}').join(this.props.field.get('label')) } };
    },
    render: function () {
      var id = this.props.forID;
      return h('div', { className: 'site-time' },
        h('div', { className: 'site-time__row' },
          h('input', {
            id: id,
            type: 'text',
            inputMode: 'numeric',
            autoComplete: 'off',
            placeholder: time.placeholder,
            'aria-describedby': id + '-format',
            className: this.props.classNameWrapper + ' site-time__input',
            value: this.state.text,
            onChange: this.handleInput,
            onFocus: this.props.setActiveStyle,
            onBlur: this.handleBlur,
          }),
          h('button', { type: 'button', className: 'site-time__now', onClick: this.setNow }, time.now)),
        h('p', { id: id + '-format', className: 'site-time__format' }, time.format));
    },
  });

  function SiteTimePreview(props) {
    return h('time', null, props.value ? shownTime(props.value) : '');
  }

  CMS.registerWidget('site-time', SiteTimeControl, SiteTimePreview);

  // --- Preview: the markup of layouts/article.njk, styled by the site's stylesheet. ---
  CMS.registerPreviewStyle(page.stylesheet);

  function names(value) {
    if (!value) return [];
    if (typeof value.toArray === 'function') return tidyList(value.toArray());
    return tidyList([value]);
  }

  function ArticlePreview(props) {
    var entry = props.entry;
    var get = function (key) { return entry.getIn(['data', key]); };
    var words = page.words;
    var authors = names(get('author'));
    var editors = names(get('editor'));
    var tags = names(get('tags'));
    var cover = get('cover');
    var coverSrc = cover && cover.get('src');
    var coverAsset = coverSrc ? props.getAsset(coverSrc) : null;
    var children = [
      h('header', { className: 'article__header', key: 'header' },
        h('h1', { className: 'article__headline' }, get('title') || ''),
        h('p', { className: 'article__meta' },
          h('span', { className: 'article__time' }, words.published + '：', h('time', null, get('timestamp') || '')),
          ' ',
          h('span', { className: 'article__source' }, words.source + '：' + (get('source') || '')),
          ' ',
          h('span', { className: 'article__author' }, words.author + '：' + authors.join('、')),
          get('updated') ? h('span', { className: 'article__updated' }, ' ' + words.updated + ' ', h('time', null, get('updated'))) : null),
        get('summary') ? h('p', { className: 'article__standfirst' }, get('summary')) : null),
    ];
    if (coverAsset) {
      children.push(h('figure', { className: 'article__lead figure', key: 'cover' },
        h('img', { src: coverAsset.toString(), alt: cover.get('alt') || '' }),
        cover.get('caption') ? h('figcaption', { className: 'figure__caption' }, cover.get('caption')) : null));
    }
    if (get('correction')) {
      children.push(h('aside', { className: 'correction', key: 'correction' },
        h('h2', { className: 'correction__title' }, words.correction),
        h('p', { className: 'correction__text' }, get('correction'))));
    }
    children.push(h('div', { className: 'article__body', key: 'body' }, props.widgetFor('body')));
    children.push(h('p', { className: 'article__byline', key: 'byline' },
      '（' + (editors.length ? words.byline : words.author) + '：' + (editors.length ? editors : authors).join('、') + '）'));
    children.push(h('footer', { className: 'article__tags', key: 'tags' },
      h('h2', { className: 'article__tags-title' }, words.tags + '：'),
      h('ul', { className: 'tag-list' }, tags.map(function (tag) {
        return h('li', { className: 'tag-list__item', key: tag }, h('span', { className: 'tag-list__link' }, tag));
      }))));
    return h('div', { className: 'layout' }, h('main', { className: 'layout__main' }, h('article', { className: 'article' }, children)));
  }

  Object.keys(page.sections).forEach(function (key) {
    CMS.registerPreviewTemplate(key, ArticlePreview);
  });
})();
