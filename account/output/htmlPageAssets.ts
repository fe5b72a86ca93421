/** The style and script inlined into the audit page: no external asset, so the page works offline and as evidence. */

export const PAGE_STYLE = `
body { font: 14px/1.4 system-ui, sans-serif; margin: 2rem; color: #1b1f24; }
h1 { font-size: 1.4rem; } h2 { font-size: 1.1rem; margin-top: 2rem; }
.counts { display: flex; gap: .75rem; flex-wrap: wrap; }
.count { border: 1px solid #d0d7de; border-radius: 6px; padding: .5rem .9rem; min-width: 7rem; }
.count b { display: block; font-size: 1.6rem; }
.status-escapes, .status-locked-out { color: #b42318; font-weight: 600; }
.status-unverifiable { color: #9a6700; font-weight: 600; }
.status-enforced { color: #1a7f37; } .status-exempt { color: #57606a; }
table { border-collapse: collapse; width: 100%; margin-top: .5rem; }
th, td { border-bottom: 1px solid #d8dee4; padding: .35rem .5rem; text-align: left; vertical-align: top; }
th { cursor: pointer; user-select: none; background: #f6f8fa; white-space: nowrap; }
th[aria-sort="ascending"]::after { content: " \\25B2"; } th[aria-sort="descending"]::after { content: " \\25BC"; }
td.reason { max-width: 40rem; } .fix { color: #57606a; font-size: .9em; }
.filters { display: flex; gap: 1rem; margin-top: 1rem; }
`;

/** Sorting (click a column header; again to reverse) and filtering (text and status) of the principals table. */
export const PAGE_SCRIPT = `
(function () {
  var table = document.getElementById("principals");
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var headers = table.tHead.rows[0].cells;
  function key(row, column) {
    var cell = row.cells[column];
    var value = cell.getAttribute("data-value");
    return value === null ? cell.textContent.trim().toLowerCase() : value;
  }
  function sortBy(column) {
    var header = headers[column];
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    for (var i = 0; i < headers.length; i++) headers[i].removeAttribute("aria-sort");
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var numeric = header.getAttribute("data-type") === "number";
    rows.sort(function (a, b) {
      var x = key(a, column), y = key(b, column);
      var order = numeric ? (Number(x === "" ? -1 : x) - Number(y === "" ? -1 : y)) : x.localeCompare(y);
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }
  for (var i = 0; i < headers.length; i++) {
    (function (column) { headers[column].addEventListener("click", function () { sortBy(column); }); })(i);
  }
  var text = document.getElementById("filter-text");
  var status = document.getElementById("filter-status");
  function filter() {
    var needle = text.value.trim().toLowerCase();
    var wanted = status.value;
    var shown = 0;
    rows.forEach(function (row) {
      var visible = (!wanted || row.getAttribute("data-status") === wanted) && (!needle || row.textContent.toLowerCase().indexOf(needle) >= 0);
      row.hidden = !visible;
      if (visible) shown++;
    });
    document.getElementById("shown").textContent = String(shown);
  }
  text.addEventListener("input", filter);
  status.addEventListener("change", filter);
  filter();
})();
`;
