// Live rails (ARCHITECTURE decision 11). Pages carry a static rail that no newer story changes; this
// script fills the same slots with what is current site-wide, from ONE shared, cacheable file,
// /live/rails.json (the site-wide 推荐阅读 picks and 热门标签). It only rewrites links and text inside
// slots of fixed count and fixed height, so the page does not move. Without JavaScript, or when the
// file cannot be read, the static rail stays as it is.
(function () {
  'use strict';
  var rails = document.querySelectorAll('[data-live-rail]');
  if (!rails.length || !window.fetch) return;

  function fillRecommended(rail, data) {
    var slots = rail.querySelectorAll('.rail__item');
    var shown = {};
    shown[window.location.pathname] = true;
    // Leave out what the page's other rails already show (猜您喜欢).
    var others = document.querySelectorAll('.rail .card__link');
    for (var o = 0; o < others.length; o += 1) if (!rail.contains(others[o])) shown[others[o].getAttribute('href')] = true;
    var order = data.picks.concat(data.sections[rail.getAttribute('data-live-section')] || []);
    var picked = [];
    for (var i = 0; i < order.length && picked.length < slots.length; i += 1) {
      var item = data.articles[order[i]];
      if (!item || shown[item.url]) continue;
      shown[item.url] = true;
      picked.push(item);
    }
    if (picked.length < slots.length) return;
    for (var s = 0; s < slots.length; s += 1) {
      var link = slots[s].querySelector('.card__link');
      var teaser = slots[s].querySelector('.card__excerpt');
      if (!link || !teaser) return;
      link.setAttribute('href', picked[s].url);
      link.textContent = picked[s].title;
      teaser.textContent = picked[s].teaser;
    }
    rail.setAttribute('data-live-state', 'current');
  }

  function fillTags(rail, data) {
    var slots = rail.querySelectorAll('.tag-slots__item');
    for (var s = 0; s < slots.length; s += 1) {
      var tag = data.tags[s];
      var slot = slots[s];
      while (slot.firstChild) slot.removeChild(slot.firstChild);
      if (!tag) continue;
      var link = document.createElement('a');
      link.className = 'tag-slots__link';
      link.setAttribute('href', tag.url);
      link.appendChild(document.createTextNode(tag.name));
      var count = document.createElement('span');
      count.className = 'tag-slots__count';
      count.textContent = '（' + tag.count + '）';
      link.appendChild(count);
      slot.appendChild(link);
    }
    rail.setAttribute('data-live-state', 'current');
  }

  fetch('/live/rails.json', { credentials: 'omit' })
    .then(function (response) {
      return response.ok ? response.json() : null;
    })
    .then(function (data) {
      if (!data || !data.articles) return;
      for (var r = 0; r < rails.length; r += 1) {
        var kind = rails[r].getAttribute('data-live-rail');
        if (kind === 'recommended') fillRecommended(rails[r], data);
        else if (kind === 'tags') fillTags(rails[r], data);
      }
    })
    .catch(function () {
      /* Keep the static rail. */
    });
})();
