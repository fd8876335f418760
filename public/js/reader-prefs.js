// Reader preferences: 字号 (大/中/小) and 关怀模式 (large type, high contrast, after the MIIT 适老化
// guidance). Loaded synchronously in <head>: it puts the remembered choice on <html> as a class before
// the page is drawn, so nothing moves. The controls on article pages are radio buttons and a checkbox
// that work through CSS alone (:has) without JavaScript; this script only remembers them (localStorage).
(function () {
  var root = document.documentElement;
  var KEY = 'broadsheet.reader';
  var SIZES = ['small', 'large'];
  var prefs = {};
  try {
    prefs = JSON.parse(localStorage.getItem(KEY) || '{}') || {};
  } catch (error) {
    prefs = {};
  }

  function apply() {
    for (var i = 0; i < SIZES.length; i += 1) root.classList.toggle('reader-size-' + SIZES[i], prefs.size === SIZES[i]);
    root.classList.toggle('reader-care', prefs.care === true);
  }

  function sync() {
    var size = document.getElementById('reader-size-' + (prefs.size || 'medium'));
    if (size) size.checked = true;
    var care = document.getElementById('reader-care');
    if (care) care.checked = prefs.care === true;
  }

  apply();
  document.addEventListener('DOMContentLoaded', sync);
  document.addEventListener('change', function (event) {
    var input = event.target;
    if (input.name === 'reader-size') prefs.size = input.value;
    else if (input.id === 'reader-care') prefs.care = input.checked;
    else return;
    try {
      localStorage.setItem(KEY, JSON.stringify(prefs));
    } catch (error) {
      // Private windows may refuse storage: the choice still applies to this page.
    }
    apply();
  });
  // Back/forward cache: another tab may have changed the choice.
  window.addEventListener('pageshow', function (event) {
    if (!event.persisted) return;
    try {
      prefs = JSON.parse(localStorage.getItem(KEY) || '{}') || {};
    } catch (error) {
      return;
    }
    apply();
    sync();
  });
})();
