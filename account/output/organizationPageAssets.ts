/**
 * What the organization page adds to the account page's style (PAGE_STYLE, inlined too), and its script: the
 * accounts table sorts by any column (risk by severity) and filters by text and risk, and an account's link opens
 * its drill-down.
 */
import { tableScript } from "./htmlPageAssets";

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

/** The accounts table's sorting and filtering, as the account page's principals table; an account's link opens its drill-down. */
export const ORGANIZATION_PAGE_SCRIPT = `${tableScript("accounts", "filter-risk", "data-risk")}
(function () {
  // Whether followed from the table or typed in the address bar.
  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id ? document.getElementById(id) : null;
    if (target && target.tagName === "DETAILS") { target.open = true; target.scrollIntoView(); }
  }
  window.addEventListener("hashchange", openTarget);
  openTarget();
})();
`;
