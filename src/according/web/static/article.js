// The article view's source cards: a click on a claim, a source or a cue (or keyboard focus on a claim) shows its
// card in the side panel. Cards are server-rendered and escaped; this script only shows and hides them.
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
    return null;
  }
  function unpin() {
    pinned.forEach(function (el) { el.classList.remove('pinned'); });
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
    var kind = key.slice(0, 3), id = key.slice(4);
    var sel = kind === 'att' ? '[data-att="' + CSS.escape(id) + '"]' : '[data-src="' + CSS.escape(id) + '"]';
    text.querySelectorAll(sel).forEach(function (el) { el.classList.add('pinned'); pinned.push(el); });
  }
  text.addEventListener('click', function (ev) {
    var el = ev.target.closest('[data-srcof],[data-cue],[data-src],[data-att]');
    var key = el && keyOf(el);
    if (key) show(key);
  });
  text.addEventListener('focusin', function (ev) {
    if (ev.target.dataset && ev.target.dataset.frame) return; // a framing span shows its own title, not a card
    var el = ev.target.closest('[data-att]');
    if (el) show('att:' + el.dataset.att);
  });
})();
