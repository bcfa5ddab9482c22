// Registers the service worker (app/sw.ts, served at /serwist/sw.js) and asks
// it to cache this page's language for offline reading. Kept tiny on purpose.
(function () {
  var sw = navigator.serviceWorker;
  var script = document.currentScript;
  var locale = script && script.getAttribute('data-locale');
  if (!sw) return;
  window.addEventListener('load', function () {
    sw.register('/serwist/sw.js', { scope: '/' })
      .then(function () { return sw.ready; })
      .then(function (registration) {
        if (locale && registration.active) registration.active.postMessage({ type: 'cache-locale', locale: locale });
      })
      .catch(function () {});
  });
})();
