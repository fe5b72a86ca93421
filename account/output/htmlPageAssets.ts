/** The style and script inlined into the audit page: no external asset, so the page works offline and as evidence. */

/**
 * Fits a 1,400-pixel screen: the table is laid out fixed at the page's width, and long ARNs and witnesses wrap
 * inside their columns instead of widening the table. Printing shows every column on paper, without the controls.
 */
export const PAGE_STYLE = `
body { font: 13px/1.4 system-ui, sans-serif; margin: 1.5rem; color: #1b1f24; }
h1 { font-size: 1.4rem; } h2 { font-size: 1.1rem; margin-top: 1.6rem; }
code { font: 12px/1.3 ui-monospace, monospace; overflow-wrap: anywhere; }
.counts { display: flex; gap: .6rem; flex-wrap: wrap; }
.count { border: 1px solid #d0d7de; border-radius: 6px; padding: .45rem .8rem; min-width: 6.5rem; background: #fff; font: inherit; text-align: left; cursor: pointer; }
.count[aria-pressed="true"] { outline: 3px solid #0969da; }
.count b { display: block; font-size: 1.5rem; }
.status-escapes, .status-locked-out, .status-unenforced { color: #b42318; font-weight: 600; }
.status-unverifiable { color: #9a6700; font-weight: 600; }
.status-enforced { color: #1a7f37; } .status-exempt, .status-not-applicable, .status-suspended { color: #57606a; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; margin-top: .5rem; }
th, td { border-bottom: 1px solid #d8dee4; padding: .3rem .4rem; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: #f6f8fa; }
th button { all: unset; cursor: pointer; font-weight: 600; display: block; width: 100%; }
th button:focus-visible, .count:focus-visible { outline: 3px solid #0969da; outline-offset: 1px; }
th[aria-sort="ascending"] button::after { content: " \\25B2"; } th[aria-sort="descending"] button::after { content: " \\25BC"; }
col.c-type { width: 4.5%; } col.c-name { width: 8%; } col.c-arn { width: 13%; } col.c-status { width: 6.5%; }
col.c-reason { width: 21%; } col.c-witness { width: 17%; } col.c-fix { width: 6%; } col.c-groups { width: 7%; }
col.c-mfa { width: 3.5%; } col.c-date { width: 5.5%; } col.c-days { width: 4.5%; }
.small { color: #57606a; font-size: .9em; }
.filters { display: flex; gap: 1rem; margin-top: 1rem; flex-wrap: wrap; }
#fixes li { margin-bottom: .3rem; } #fixes .members { color: #57606a; }
@media print {
  body { margin: 0; font-size: 9pt; }
  .filters, script { display: none; }
  .count { border: 1px solid #999; }
  th button::after { content: none !important; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
`;

/**
 * Sorting (a header's button, by mouse or keyboard; again to reverse) and filtering (text, the select, or a click on a
 * count) of a table: the account page's principals, the organization page's accounts. A row's `attribute` holds the
 * value the select and the counts (buttons of class `count` with the same attribute) filter on.
 */
export function tableScript(table: string, select: string, attribute: string): string {
    return `
(function () {
  var table = document.getElementById("${table}");
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
    (function (column) { headers[column].querySelector("button").addEventListener("click", function () { sortBy(column); }); })(i);
  }
  var text = document.getElementById("filter-text");
  var select = document.getElementById("${select}");
  var counts = document.querySelectorAll(".count");
  function filter() {
    var needle = text.value.trim().toLowerCase();
    var wanted = select.value;
    var shown = 0;
    rows.forEach(function (row) {
      var visible = (!wanted || row.getAttribute("${attribute}") === wanted) && (!needle || row.textContent.toLowerCase().indexOf(needle) >= 0);
      row.hidden = !visible;
      if (visible) shown++;
    });
    for (var c = 0; c < counts.length; c++) counts[c].setAttribute("aria-pressed", String(counts[c].getAttribute("${attribute}") === wanted));
    document.getElementById("shown").textContent = String(shown);
  }
  for (var c = 0; c < counts.length; c++) {
    counts[c].addEventListener("click", function (event) {
      var wanted = event.currentTarget.getAttribute("${attribute}");
      select.value = select.value === wanted ? "" : wanted;
      filter();
      table.scrollIntoView();
    });
  }
  text.addEventListener("input", filter);
  select.addEventListener("change", filter);
  filter();
})();
`;
}

export const PAGE_SCRIPT = tableScript("principals", "filter-status", "data-status");
