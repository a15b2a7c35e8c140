// The document page: marks of the extracted fact named in the URL fragment are lit.
(function () {
  function show(key) {
    document.querySelectorAll("mark.on").forEach(function (el) { el.classList.remove("on"); });
    document.querySelectorAll('mark[data-f="' + CSS.escape(key) + '"]').forEach(function (el) { el.classList.add("on"); });
  }
  function fromHash() { if (location.hash.length > 1) show(decodeURIComponent(location.hash.slice(1))); }
  window.addEventListener("hashchange", fromHash);
  fromHash();
})();
