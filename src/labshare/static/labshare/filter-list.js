// A search box that narrows a long checklist (the disciplines of an instrument): every
// <input class="list-filter" data-filter="#target"> hides the labels of #target that do not
// contain what is typed. Without JavaScript the whole list stays, as it should.
document.addEventListener("input", function (event) {
  var box = event.target;
  if (!box.matches || !box.matches("input.list-filter[data-filter]")) return;
  var wanted = box.value.trim().toLowerCase();
  var target = document.querySelector(box.getAttribute("data-filter"));
  if (!target) return;
  target.querySelectorAll("label").forEach(function (label) {
    var item = label.closest("div, li") || label;
    var checked = label.querySelector("input:checked");
    item.hidden = wanted !== "" && !checked && label.textContent.toLowerCase().indexOf(wanted) < 0;
  });
});
