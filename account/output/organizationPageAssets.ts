/**
 * What the organization page adds to the account page's style (PAGE_STYLE, inlined too), and its script: the
 * accounts table sorts by any column (risk by severity) and filters by text and risk, and an account's link opens
 * its drill-down.
 */

export const ORGANIZATION_PAGE_STYLE = `
.risk-critical, .risk-high { color: #b42318; font-weight: 600; }
.risk-not-audited, .risk-medium { color: #9a6700; font-weight: 600; }
.risk-low { color: #1a7f37; }
col.c-account { width: 14%; } col.c-risk { width: 7%; } col.c-why { width: 35%; } col.c-count { width: 6.5%; } col.c-root { width: 18%; }
details.account { border: 1px solid #d0d7de; border-radius: 6px; padding: .4rem .8rem; margin: .5rem 0; }
details.account > summary { cursor: pointer; font-weight: 600; }
details.account:target { outline: 3px solid #0969da; }
.totals { columns: 2; max-width: 60rem; }
/* The drill-down writes each fix in full (the account page lists fixes once and links them): room for it. */
table.principals col.c-reason { width: 16%; } table.principals col.c-witness { width: 14%; } table.principals col.c-fix { width: 14%; }
@media print {
  details.account { break-inside: avoid-page; }
}
`;

export const ORGANIZATION_PAGE_SCRIPT = `
(function () {
  var table = document.getElementById("accounts");
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
      var order = numeric ? (Number(x) - Number(y)) : x.localeCompare(y);
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }
  for (var i = 0; i < headers.length; i++) {
    (function (column) { headers[column].querySelector("button").addEventListener("click", function () { sortBy(column); }); })(i);
  }
  var text = document.getElementById("filter-text");
  var risk = document.getElementById("filter-risk");
  var counts = document.querySelectorAll(".count");
  function filter() {
    var needle = text.value.trim().toLowerCase();
    var wanted = risk.value;
    var shown = 0;
    rows.forEach(function (row) {
      var visible = (!wanted || row.getAttribute("data-risk") === wanted) && (!needle || row.textContent.toLowerCase().indexOf(needle) >= 0);
      row.hidden = !visible;
      if (visible) shown++;
    });
    for (var c = 0; c < counts.length; c++) counts[c].setAttribute("aria-pressed", String(counts[c].getAttribute("data-risk") === wanted));
    document.getElementById("shown").textContent = String(shown);
  }
  for (var c = 0; c < counts.length; c++) {
    counts[c].addEventListener("click", function (event) {
      var wanted = event.currentTarget.getAttribute("data-risk");
      risk.value = risk.value === wanted ? "" : wanted;
      filter();
      table.scrollIntoView();
    });
  }
  text.addEventListener("input", filter);
  risk.addEventListener("change", filter);
  // A link to an account's drill-down opens it, whether followed from the table or typed in the address bar.
  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id ? document.getElementById(id) : null;
    if (target && target.tagName === "DETAILS") { target.open = true; target.scrollIntoView(); }
  }
  window.addEventListener("hashchange", openTarget);
  openTarget();
  filter();
})();
`;
