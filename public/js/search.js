// Starts Pagefind's default UI on the search page (/search/) with the portal's Chinese texts, and runs
// the query from the header search box (?q=...). Kept out of the page so a CSP can forbid inline scripts.
(function () {
  'use strict';
  function start() {
    var root = document.getElementById('search');
    if (!root || typeof window.PagefindUI !== 'function') return;
    var data = root.dataset;
    var ui = new window.PagefindUI({
      element: '#search',
      showImages: false,
      showSubResults: false,
      resetStyles: false,
      translations: {
        placeholder: data.placeholder,
        zero_results: data.zeroResults,
        many_results: data.manyResults,
        one_result: data.oneResult,
        load_more: data.loadMore,
        clear_search: data.clearSearch,
        searching: data.searching,
      },
    });
    var query = new URLSearchParams(window.location.search).get('q');
    if (query && query.trim()) ui.triggerSearch(query.trim());
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
