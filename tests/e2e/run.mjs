// End-to-end test of sabiqa's search page in headless Chromium (Debian's /usr/bin/chromium,
// driven by playwright-core). Usage: node run.mjs BASE_URL OUTDIR
//
// The server must serve an index of ../shared/corpus. Each step checks what a user would see
// and saves a screenshot under OUTDIR. Exit 0 when every check passed, 1 otherwise.
import { chromium } from "playwright-core";
import { mkdtempSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const [base, outDir] = process.argv.slice(2);
if (!base || !outDir) {
  console.error("usage: node run.mjs BASE_URL OUTDIR");
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });

const ARABIC_QUERY = "الاتجار بالاشخاص"; // typed without hamza: the original has بالأشخاص
// What an Arabic word looks like once diacritics, tatweel and hamza forms are folded.
const fold = (s) =>
  s.normalize("NFC")
    .replace(/[\u064B-\u065F\u0670\u0640]/g, "")
    .replace(/[أإآٱ]/g, "ا");

let passed = 0;
const failures = [];
function check(condition, what, detail) {
  if (condition) {
    passed += 1;
    console.log(`ok   ${what}`);
  } else {
    failures.push(what);
    console.log(`FAIL ${what}${detail === undefined ? "" : `: ${JSON.stringify(detail)}`}`);
  }
}

const profile = mkdtempSync(join(tmpdir(), "sabiqa-e2e-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  viewport: { width: 1280, height: 900 },
  args: [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
  ],
});
const origin = new URL(base).origin;
await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin });
const page = context.pages()[0] || (await context.newPage());
const dialogs = [];
page.on("dialog", async (d) => {
  dialogs.push(d.message());
  await d.dismiss();
});
const pageErrors = [];
page.on("pageerror", (e) => pageErrors.push(String(e)));
const shot = (name) => page.screenshot({ path: join(outDir, name), fullPage: false });

async function search(query) {
  await page.fill("#q", query);
  await page.press("#q", "Enter");
  await page.waitForFunction(() => !/Searching/.test(document.getElementById("status").textContent));
}

try {
  // 1. The page loads, from the server alone.
  await page.goto(base, { waitUntil: "load" });
  check(await page.isVisible("#q"), "the page loads with a search box");
  await shot("01-home.png");

  // 2. An Arabic query typed without hamza finds the original with hamza, highlighted.
  await search(ARABIC_QUERY);
  await page.waitForSelector(".hit");
  const arabic = await page.evaluate(() => {
    const blocks = [...document.querySelectorAll('.hit .text[lang="ar"]')];
    const wordChar = /[\p{L}\p{M}\p{N}\u0640]/u;
    const marks = blocks.flatMap((b) => [...b.querySelectorAll("mark")].map((m) => {
      const before = document.createRange();
      before.setStart(b, 0);
      before.setEndBefore(m);
      const after = document.createRange();
      after.setStartAfter(m);
      after.setEnd(b, b.childNodes.length);
      const prev = before.toString().slice(-1);
      const next = after.toString().slice(0, 1);
      return { text: m.textContent, whole: !wordChar.test(prev) && !wordChar.test(next) };
    }));
    return {
      hits: document.querySelectorAll(".hit").length,
      blocks: blocks.length,
      rtl: blocks.every((b) => b.getAttribute("dir") === "rtl" && getComputedStyle(b).direction === "rtl"),
      marks,
      status: document.getElementById("status").textContent,
    };
  });
  check(arabic.hits > 0 && arabic.blocks > 0, "the Arabic query has Arabic hits", arabic.status);
  check(arabic.rtl, "every Arabic block is dir=rtl (attribute and computed direction)");
  check(arabic.marks.length > 0, "hits carry highlighted words");
  // The query words without their article/preposition prefixes: any highlighted form holds one.
  const cores = ["اتجار", "اشخاص"];
  check(arabic.marks.every((m) => cores.some((c) => fold(m.text).includes(c))),
    "every highlight is a form of a query word", arabic.marks.slice(0, 6));
  check(arabic.marks.some((m) => /[أإآ]/.test(m.text) && !ARABIC_QUERY.includes(m.text)),
    "a highlight shows the original spelling with hamza the query lacked", arabic.marks.slice(0, 6));
  check(arabic.marks.every((m) => m.whole), "highlights cover whole words (shaping intact)",
    arabic.marks.filter((m) => !m.whole).slice(0, 3));
  await shot("02-arabic-results.png");

  // 3. The bilingual view: the hit beside its English counterpart, English left, Arabic right.
  await page.check("#bi");
  await page.waitForSelector(".texts.bilingual");
  await page.waitForFunction(() => !/Searching/.test(document.getElementById("status").textContent));
  const bilingual = await page.evaluate(() => {
    const card = [...document.querySelectorAll(".hit")].find((h) => h.querySelector(".counterpart[lang=en]"));
    if (!card) return null;
    const en = card.querySelector('.side[data-lang="en"]');
    const ar = card.querySelector('.side[data-lang="ar"]');
    const enText = card.querySelector(".counterpart[lang=en]");
    return {
      enText: enText.textContent.trim(),
      enDir: getComputedStyle(enText).direction,
      arDir: getComputedStyle(ar.querySelector(".text")).direction,
      enLeft: en.getBoundingClientRect().left < ar.getBoundingClientRect().left,
      hasLatin: /[A-Za-z]{3}/.test(enText.textContent),
    };
  });
  check(bilingual !== null, "a hit shows its English counterpart in the bilingual view");
  if (bilingual) {
    check(bilingual.hasLatin && bilingual.enText.length > 20, "the counterpart is English text", bilingual.enText.slice(0, 80));
    check(bilingual.enDir === "ltr" && bilingual.arDir === "rtl", "English reads left-to-right, Arabic right-to-left", bilingual);
    check(bilingual.enLeft, "English stands left of the Arabic, side by side");
  }
  await shot("03-bilingual.png");

  // 4. Search one language, show the other: Arabic searched, English renderings shown.
  await page.selectOption("#lang", "ar");
  await page.selectOption("#show", "en");
  await page.waitForFunction(() => new URLSearchParams(location.search).get("show") === "en");
  await page.waitForFunction(() => !/Searching/.test(document.getElementById("status").textContent));
  await page.waitForSelector(".hit");
  const shown = await page.evaluate(() => [...document.querySelectorAll(".hit")].map((h) => ({
    lang: h.dataset.lang,
    matched: [...h.querySelectorAll(".counterpart")].map((c) => c.getAttribute("lang")),
  })));
  check(shown.length > 0 && shown.every((h) => h.lang === "en" && h.matched.every((l) => l === "ar")),
    "with lang=ar, show=en every hit is the English rendering of an Arabic match", shown.slice(0, 3));
  await shot("04-show-english.png");
  await page.selectOption("#show", "");
  await page.waitForFunction(() => !new URLSearchParams(location.search).has("show"));
  await page.waitForFunction(() => !/Searching/.test(document.getElementById("status").textContent));

  // 5. Follow a hit that has a counterpart to its document: the paragraph, with neighbours.
  const card = page.locator(".hit", { has: page.locator(".counterpart[lang=en]") }).first();
  const cite = (await card.locator(".cite").textContent()).trim();
  await card.locator(".open-doc").click();
  await page.waitForSelector(".doc-row.focus");
  const doc = await page.evaluate(() => {
    const focus = document.querySelector(".doc-row.focus");
    return {
      rows: document.querySelectorAll(".doc-row").length,
      focusCite: focus.querySelector(".side-cite").textContent.trim(),
      focusLangs: [...focus.querySelectorAll(".text")].map((t) => [t.getAttribute("lang"), getComputedStyle(t).direction]),
      inView: (() => {
        const r = focus.getBoundingClientRect();
        return r.top < innerHeight && r.bottom > 0;
      })(),
      url: location.search,
    };
  });
  check(doc.focusCite === cite, "the document opens at the hit's paragraph", { cite, got: doc.focusCite });
  check(doc.rows >= 2, "the paragraph is shown with its neighbours", doc.rows);
  check(doc.focusLangs.some(([l, d]) => l === "ar" && d === "rtl") && doc.focusLangs.some(([l, d]) => l === "en" && d === "ltr"),
    "the document shows both versions, each in its direction", doc.focusLangs);
  check(doc.inView, "the paragraph is scrolled into view");
  await shot("05-document.png");

  // 6. Copy the citation.
  await page.click(".doc-row.focus .copy-cite");
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  check(copied === cite, "Copy citation puts the citation on the clipboard", copied);
  await page.click(".doc-row.focus .copy-counterpart");
  const copiedOther = await page.evaluate(() => navigator.clipboard.readText());
  check(/[A-Za-z]{3}/.test(copiedOther) && copiedOther.length > 20, "Copy counterpart copies the English text", copiedOther.slice(0, 60));

  // 7. Back to the results, then the next page.
  await page.goBack();
  await page.waitForSelector(".hit");
  const firstPage = await page.locator(".hit .cite").first().textContent();
  await page.click("#next");
  await page.waitForFunction(() => new URLSearchParams(location.search).get("page") === "1");
  await page.waitForSelector(".hit");
  const secondPage = await page.locator(".hit .cite").allTextContents();
  check(secondPage.length > 0 && !secondPage.includes(firstPage), "Next shows the next page of hits");

  // 8. Group by document.
  await page.check("#group");
  await page.waitForSelector(".group h2");
  const groups = await page.evaluate(() => [...document.querySelectorAll(".group")].map((g) => g.querySelectorAll(".hit").length));
  check(groups.length > 0 && groups.every((n) => n > 0), "group by document shows documents with their hits", groups);
  await shot("06-grouped.png");
  await page.uncheck("#group");

  // 9. A <script> query stays text: as an unreadable query and as a quoted phrase.
  const scriptsBefore = await page.evaluate(() => document.scripts.length);
  const inert = () => page.evaluate(() => ({
    text: document.getElementById("status").textContent,
    elements: document.querySelectorAll("#status script, #status img, #results script, #results img").length,
    scripts: document.scripts.length,
  }));
  // Quoted, markup is a phrase to search: no hits, and the query echoed as text.
  for (const q of ["\"<script>alert('x')</script>\"", '"<img src=x onerror=alert(1)>"']) {
    await search(q);
    const status = await inert();
    check(status.text.includes(q.slice(1, -1)) && status.elements === 0 && status.scripts === scriptsBefore,
      `the query ${JSON.stringify(q)} is echoed as text, not markup`, status);
  }
  // Unquoted, the parser refuses it: an error message, still only text.
  await search("<script>alert('x')</script>");
  const refused = await inert();
  check(refused.text.length > 0 && refused.elements === 0 && refused.scripts === scriptsBefore,
    "an unreadable <script> query gives a text error and injects nothing", refused);
  check(dialogs.length === 0, "no script from a query ever ran", dialogs);
  await shot("07-script-query.png");
  check(pageErrors.length === 0, "the page raised no JavaScript errors", pageErrors);
} catch (error) {
  failures.push(String(error));
  console.log(`FAIL ${error.stack || error}`);
  await shot("99-failure.png").catch(() => {});
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}

console.log(`e2e: ${passed} passed, ${failures.length} failed; screenshots in ${outDir}`);
process.exit(failures.length === 0 ? 0 : 1);
