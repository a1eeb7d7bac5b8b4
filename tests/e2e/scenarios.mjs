/**
 * Browser scenarios for Prevent Signpost in the Microsoft 365 Agents Playground (run by run_e2e.py).
 *
 *   node scenarios.mjs --artifacts DIR --profiles DIR [--chromium PATH] name=URL [name=URL ...]
 *
 * Each scenario gets its own Playground URL (run_e2e.py starts one Playground per scenario, each with its
 * own conversation id, so each scenario is a fresh conversation) and its own headless Chromium with a
 * fresh user-data-dir. Every scenario saves `<name>.png` (its end state) and `<name>.txt` (the chat as
 * text) into the artifacts folder, and the results go to `results.json` there for run_e2e.py.
 *
 * Button titles of the referral and assessment cards are not fixed: the walks below pick buttons by
 * pattern (see the scenario functions), never by exact title, and every loop is capped.
 */
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';

const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];
// Playground 0.2.28 DOM. Class names are hashed except the Adaptive Cards (.ac-*) and Fluent AI (.fai-*) ones.
const SEL = {
  compose: 'div[contenteditable="true"][role="textbox"]',
  send: 'button[aria-label="Send Message"]',
  header: '[aria-label="Message header"]',   // every chat message has one; its parent is the message
  author: '[aria-label="Message author"]',   // only in messages from the bot
  actionSet: '.ac-actionSet',
  cardButton: '.ac-actionSet button',        // Adaptive Card actions; Action.OpenUrl ones have role="link"
  citation: '.fai-Citation',                 // the pill the Playground draws for "[1]" with a citation entity
};
const REPLY_TIMEOUT_MS = 20_000;   // the first reply to one message or button press
const SETTLE_MS = 800;             // a reply is complete when no further message arrived for this long
const SCENARIO_TIMEOUT_MS = 90_000;
const MAX_STEPS = 15;              // button presses in one walk-through before giving up

const CONTACT = /0800 ?789 ?321|Anti-Terrorist Hotline|01632 ?96\d/i;
const RATING = /^(Not yet started|Developing|Achieving)\b/i;
const OVERALL = /Overall\b[^\n]*?\d+(\.\d+)? ?%|\d+(\.\d+)? ?% overall/i;

class ScenarioError extends Error {}

function fail(message) {
  throw new ScenarioError(message);
}

function short(text, limit = 160) {
  const flat = (text || '').replace(/\s+/g, ' ').trim();
  return flat.length > limit ? `${flat.slice(0, limit - 1)}…` : flat;
}

/** Every chat message in order, read in the page: who sent it, its text, card buttons and citations. */
function readMessages(selectors) {
  return [...document.querySelectorAll(selectors.header)].map((header, index) => {
    const root = header.parentElement;
    // The text without the card's buttons (they are listed separately); innerText needs the live node.
    const body = [...root.children].filter((child) => child !== header);
    const sets = [...root.querySelectorAll(selectors.actionSet)].map((set) => [set, set.style.display]);
    sets.forEach(([set]) => { set.style.display = 'none'; });
    const text = body.map((part) => part.innerText).join('\n').trim();
    sets.forEach(([set, display]) => { set.style.display = display; });
    const buttons = [...root.querySelectorAll(selectors.cardButton)].map((button, buttonIndex) => ({
      index: buttonIndex,
      label: (button.getAttribute('aria-label') || button.innerText || '').trim(),
      role: button.getAttribute('role') || 'button',
      url: button.getAttribute('role') === 'link' ? button.getAttribute('title') || '' : '',  // OpenUrl's url
    }));
    return {
      index,
      fromBot: header.querySelector(selectors.author) !== null,
      text,
      firstLine: text.split('\n').map((line) => line.trim()).find(Boolean) || '',
      buttons,
      citations: [...root.querySelectorAll(selectors.citation)].filter((c) => c.checkVisibility()).length,
      telLinks: [...root.querySelectorAll('a[href^="tel:"]')].map((a) => a.getAttribute('href'))
        .concat(buttons.filter((b) => b.url.startsWith('tel:')).map((b) => b.url)),
    };
  });
}

/** One chat in one page: type, press buttons, and wait for the bot's complete reply. */
class Chat {
  constructor(page) {
    this.page = page;
  }

  async messages() {
    return this.page.evaluate(readMessages, SEL);
  }

  async botMessages() {
    return (await this.messages()).filter((m) => m.fromBot);
  }

  /** Type a message and send it; returns the bot's reply (the new bot messages). */
  async send(text) {
    const before = (await this.messages()).length;
    const box = this.page.locator(SEL.compose);
    await box.click();
    await this.page.keyboard.type(text);
    await this.page.locator(SEL.send).click();
    return this.replyAfter(before, `"${text}"`);
  }

  /** Press a card button of a message; returns the bot's reply. */
  async press(message, button) {
    const before = (await this.messages()).length;
    const root = this.page.locator(SEL.header).nth(message.index).locator('xpath=..');
    await root.locator(SEL.cardButton).nth(button.index).click();
    return this.replyAfter(before, `the "${button.label}" button`);
  }

  /** Wait for at least one new bot message after index `before`, then until no more arrive. */
  async replyAfter(before, what) {
    const deadline = Date.now() + REPLY_TIMEOUT_MS;
    let seen = -1;
    let stableSince = 0;
    for (;;) {
      const fresh = (await this.messages()).slice(before).filter((m) => m.fromBot);
      if (fresh.length !== seen) {
        seen = fresh.length;
        stableSince = Date.now();
      } else if (seen > 0 && Date.now() - stableSince >= SETTLE_MS) {
        return fresh;
      }
      if (seen === 0 && Date.now() > deadline) {
        fail(`no reply from the bot within ${REPLY_TIMEOUT_MS / 1000} s to ${what}`);
      }
      await this.page.waitForTimeout(100);
    }
  }

  async transcript() {
    return (await this.messages())
      .map((m) => {
        const labels = m.buttons.map((b) => (b.url ? `${b.label} <${b.url}>` : b.label));
        const buttons = labels.length ? `\n    [buttons: ${labels.join(' | ')}]` : '';
        return `${m.fromBot ? 'BOT ' : 'USER'} ${m.text.replace(/\n+/g, '\n     ')}${buttons}`;
      })
      .join('\n\n');
  }
}

function replyText(reply) {
  return reply.map((m) => m.text).join('\n');
}

/** The reply's text and its button titles (a contact may be a "Call 0800 ..." button). */
function replyTextAndButtons(reply) {
  return reply.map((m) => [m.text, ...m.buttons.map((b) => b.label)].join('\n')).join('\n');
}

/** The newest message of a reply that has card buttons to press, or null. */
function newestCard(reply) {
  return [...reply].reverse().find((m) => m.buttons.some((b) => b.role !== 'link')) || null;
}

function buttonMatching(message, pattern) {
  return message.buttons.find((b) => b.role !== 'link' && pattern.test(b.label)) || null;
}

// Buttons a walk-through must not take when it picks "the first option": they leave or rewind the walk.
const NOT_FORWARD = /^(back|go back|previous|cancel|stop|start again|restart|help|menu|change (my )?area|read|why|ask)\b/i;

function isEmergencyGate(message) {
  return /emergency|immediate danger|in danger/i.test(message.text)
    && buttonMatching(message, /^yes\b/i) !== null && buttonMatching(message, /^no\b/i) !== null;
}

// -- scenarios ---------------------------------------------------------------------------------------

/** The welcome card arrives on page load (installationUpdate / membersAdded). */
async function welcome(chat) {
  const deadline = Date.now() + REPLY_TIMEOUT_MS;
  const privacy = /(don.t|do not) (type|put|include|share|give) (any )?names|names or (identifying )?details/i;
  let messages = [];
  while (Date.now() < deadline) {
    messages = await chat.botMessages();
    const card = messages.find((m) => /Prevent Signpost/.test(m.text) && privacy.test(m.text));
    if (card) return `welcome card shown: "${short(card.firstLine, 60)}"`;
    await chat.page.waitForTimeout(200);
  }
  if (!messages.length) {
    fail('no welcome on page load (is the bot database fresh? the welcome is sent once per user)');
  }
  return fail(`no welcome card among the bot's messages: "${short(replyText(messages))}"`);
}

/** A knowledge question gets an answer about Channel with a visible citation. */
async function knowledge(chat) {
  const reply = await chat.send('What does Channel aim to do?');
  const answer = reply.find((m) => /Channel/.test(m.text));
  if (!answer) fail(`no answer mentioning Channel; the bot said "${short(replyText(reply))}"`);
  // With a citation entity the Playground draws "[1]" as a pill showing "1"; without one, "[1]" stays text.
  const pill = reply.find((m) => m.citations > 0);
  if (pill) return `answer with ${pill.citations} citation pill(s): "${short(answer.firstLine, 80)}"`;
  if (reply.some((m) => /\[1\]/.test(m.text))) return `answer with a plain-text [1]: "${short(answer.firstLine, 80)}"`;
  return fail(`the answer has no citation (no pill, no [1]): "${short(replyText(reply))}"`);
}

/**
 * The referral walk-through: answer the emergency gate "No", then take the first forward option of each
 * newest card until a card shows a contact (a tel: link or a known number).
 */
async function referral(chat) {
  let reply = await chat.send('referral');
  let gateAnswered = false;
  const taken = [];
  for (let step = 0; step <= MAX_STEPS; step += 1) {
    const card = newestCard(reply);
    const gate = card !== null && isEmergencyGate(card);
    const text = replyTextAndButtons(reply);
    const showsContact = CONTACT.test(text) || reply.some((m) => m.telLinks.length > 0);
    if (gateAnswered && !gate && showsContact) {
      const shown = reply.find((m) => CONTACT.test(replyTextAndButtons([m])));
      if (!shown) fail(`the contacts card names no known contact: "${short(text)}"`);
      const contact = replyTextAndButtons([shown]).match(CONTACT)[0];
      return `"${short(shown.firstLine, 60)}" shows ${contact}, after ${taken.join(' → ')}`;
    }
    if (step === MAX_STEPS) break;
    if (card === null) {
      fail(`nothing to press after ${taken.join(' → ') || '"referral"'}; the bot said "${short(text)}"`);
    }
    const button = gate
      ? buttonMatching(card, /^no\b/i)
      : card.buttons.find((b) => b.role !== 'link' && !NOT_FORWARD.test(b.label));
    if (!button) fail(`no forward button on "${short(card.firstLine, 80)}" (${card.buttons.map((b) => b.label)})`);
    gateAnswered ||= gate;
    taken.push(button.label);
    reply = await chat.press(card, button);
  }
  if (!gateAnswered) fail(`never saw the emergency question (Yes/No) in ${MAX_STEPS} steps: ${taken.join(' → ')}`);
  return fail(`no contacts card after ${MAX_STEPS} steps: ${taken.join(' → ')}`);
}

/** A quick check: one rating on each of 10 question cards, then a summary with an overall figure. */
async function quickCheck(chat) {
  let reply = await chat.send('quick check');
  const preferred = [/^Developing\b/i, /^Achieving\b/i, /^Not yet started\b/i];
  let rated = 0;
  for (let step = 0; step <= MAX_STEPS * 2; step += 1) {
    const summary = reply.find((m) => !buttonMatching(m, RATING) && /Benchmark/.test(m.text) && OVERALL.test(m.text));
    if (summary) {
      if (rated !== 10) fail(`summary after ${rated} ratings, expected 10: "${short(summary.text)}"`);
      return `summary after 10 ratings: "${short(summary.text.match(OVERALL)[0], 80)}"`;
    }
    if (step === MAX_STEPS * 2) break;
    const card = newestCard(reply);
    if (card === null) fail(`nothing to press after ${rated} ratings; the bot said "${short(replyText(reply))}"`);
    let button = buttonMatching(card, RATING);
    if (button) {
      button = buttonMatching(card, preferred[rated % preferred.length]) || button;
      rated += 1;
      if (rated > 10) fail(`an 11th question card: "${short(card.text)}"`);
    } else {
      button = buttonMatching(card, /^(No details|Continue|Next|Start the new one|Skip details)\b/i);
      if (!button) fail(`no rating button on "${short(card.text)}" (${card.buttons.map((b) => b.label)})`);
    }
    reply = await chat.press(card, button);
  }
  return fail(`no summary after ${rated} ratings and ${MAX_STEPS * 2} presses`);
}

/** An emergency typed in the middle of an assessment: the reply leads with 999. */
async function emergency(chat) {
  const started = await chat.send('quick check');
  if (!newestCard(started)) fail(`"quick check" did not start an assessment: "${short(replyText(started))}"`);
  const reply = await chat.send('he has a knife and says he will stab someone at school tomorrow');
  const first = reply[0];
  if (!/999/.test(first.firstLine)) {
    fail(`the first line of the reply does not say 999: "${short(first.firstLine)}" (reply: "${short(replyText(reply))}")`);
  }
  const newest = reply[reply.length - 1];
  const note = reply.length > 1 ? `; ${reply.length} messages, the last: "${short(newest.firstLine, 60)}"` : '';
  return `reply leads with "${short(first.firstLine, 80)}"${note}`;
}

const SCENARIOS = { welcome, knowledge, referral, 'quick-check': quickCheck, emergency };

// -- runner ------------------------------------------------------------------------------------------

function parseArgs(argv) {
  const options = { chromium: '/usr/bin/chromium', artifacts: 'artifacts/e2e', profiles: null, targets: [] };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--chromium' || arg === '--artifacts' || arg === '--profiles') {
      options[arg.slice(2)] = argv[(i += 1)];
    } else if (/^[\w-]+=https?:\/\//.test(arg)) {
      const [name, url] = [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)];
      if (!SCENARIOS[name]) throw new Error(`unknown scenario ${name}; known: ${Object.keys(SCENARIOS).join(', ')}`);
      options.targets.push({ name, url });
    } else {
      throw new Error(`unexpected argument ${arg}`);
    }
  }
  if (!options.profiles) throw new Error('--profiles DIR is required (a fresh folder for the browser profiles)');
  return options;
}

async function runScenario({ name, url }, options) {
  const started = Date.now();
  const context = await chromium.launchPersistentContext(path.join(options.profiles, name), {
    executablePath: options.chromium,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 1000 },
  });
  const page = context.pages()[0] || (await context.newPage());
  const chat = new Chat(page);
  let result;
  let timer;
  try {
    // The Playground posts installationUpdate and conversationUpdate on load; the welcome (if any) is sent
    // while that request runs, so after it returns nothing else is pending.
    const installed = page.waitForResponse((r) => /\/conversation\/[^/]+\/installation$/.test(r.url()), {
      timeout: REPLY_TIMEOUT_MS,
    });
    installed.catch(() => {});  // awaited below; this only stops an early failure becoming unhandled
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    await page.locator(SEL.compose).waitFor({ timeout: REPLY_TIMEOUT_MS });
    await installed;
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new ScenarioError(`timed out after ${SCENARIO_TIMEOUT_MS / 1000} s`)),
        SCENARIO_TIMEOUT_MS);
    });
    const run = SCENARIOS[name](chat);
    run.catch(() => {});  // after a timeout it fails when the browser closes: that is expected, not unhandled
    const detail = await Promise.race([run, timeout]);
    result = { name, ok: true, detail };
  } catch (error) {
    const reason = error instanceof ScenarioError ? error.message : `${error.name}: ${error.message.split('\n')[0]}`;
    result = { name, ok: false, detail: reason };
  } finally {
    clearTimeout(timer);
    await page.screenshot({ path: path.join(options.artifacts, `${name}.png`) }).catch(() => {});
    const transcript = await chat.transcript().catch((e) => `(no transcript: ${e.message})`);
    fs.writeFileSync(path.join(options.artifacts, `${name}.txt`), `${transcript}\n`);
    await context.close().catch(() => {});
  }
  result.seconds = Math.round((Date.now() - started) / 100) / 10;
  return result;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  fs.mkdirSync(options.artifacts, { recursive: true });
  const results = [];
  for (const target of options.targets) {
    const result = await runScenario(target, options);
    results.push(result);
    console.log(`${result.ok ? 'PASS' : 'FAIL'} ${result.name} (${result.seconds} s): ${result.detail}`);
    fs.writeFileSync(path.join(options.artifacts, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  }
  return results.every((r) => r.ok) ? 0 : 1;
}

main().then((code) => process.exit(code), (error) => {
  console.error(`scenarios.mjs: ${error.stack || error}`);
  process.exit(2);
});
