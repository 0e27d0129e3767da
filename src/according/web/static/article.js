// The article view's source cards: a click on a claim, a source or a cue (or keyboard focus on a claim, or on a
// sentence in the author's own voice that holds a frame or a grade) shows its card in the side panel, and the words of
// the claim's frames stay highlighted while it is shown. Cards are server-rendered and escaped; this script only shows
// and hides them.
(function () {
  var text = document.getElementById('text');
  var panel = document.getElementById('source-card');
  if (!text || !panel) return;
  var empty = panel.querySelector('[data-card-empty]');
  var pinned = [];

  function keyOf(el) {
    if (el.dataset.srcof) return 'att:' + el.dataset.srcof;
    if (el.dataset.cue) return 'att:' + el.dataset.cue;
    if (el.dataset.src) return 'src:' + el.dataset.src;
    if (el.dataset.att) return 'att:' + el.dataset.att;
    if (el.dataset.stmt) return 'stmt:' + el.dataset.stmt;
    return null;
  }
  function pin(el, cls) {
    el.classList.add(cls);
    pinned.push([el, cls]);
  }
  function unpin() {
    pinned.forEach(function (p) { p[0].classList.remove(p[1]); });
    pinned = [];
  }
  function show(key) {
    var card = null;
    panel.querySelectorAll('[data-card]').forEach(function (el) {
      var match = el.dataset.card === key;
      el.hidden = !match;
      if (match) card = el;
    });
    if (empty) empty.hidden = !!card;
    unpin();
    if (!card) return;
    var cut = key.indexOf(':'), kind = key.slice(0, cut), id = key.slice(cut + 1);
    var attr = { att: 'data-att', src: 'data-src', stmt: 'data-stmt' }[kind];
    var fids = '';
    text.querySelectorAll('[' + attr + '="' + CSS.escape(id) + '"]').forEach(function (el) {
      pin(el, 'pinned');
      if (el.dataset.fids) fids = el.dataset.fids;
    });
    fids.split(' ').filter(Boolean).forEach(function (f) {
      text.querySelectorAll('[data-farg="' + CSS.escape(f) + '"]').forEach(function (el) { pin(el, 'fpin'); });
    });
  }
  text.addEventListener('click', function (ev) {
    var el = ev.target.closest('[data-srcof],[data-cue],[data-src],[data-att],[data-stmt]');
    var key = el && keyOf(el);
    if (key) show(key);
  });
  text.addEventListener('focusin', function (ev) {
    if (ev.target.dataset && ev.target.dataset.frame) return; // a framing span shows its own title, not a card
    var el = ev.target.closest('[data-att],[data-stmt]');
    if (el) show(el.dataset.att ? 'att:' + el.dataset.att : 'stmt:' + el.dataset.stmt);
  });
})();
