"""A resident on the demo page, in real headless Chromium, talking to the real servers."""
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect, sync_playwright

from bot import paths
from tests.browser import chromium_path

AXE = paths.ROOT / "webchat" / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = paths.ROOT / "docs" / "screenshots"
PHONE, DESKTOP = {"width": 320, "height": 640}, {"width": 1280, "height": 800}


@pytest.fixture(scope="module")
def chromium():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, stack):
    context = chromium.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(stack.page_url)
    yield page
    context.close()


def open_chat(page: Page) -> None:
    page.click("#herts-chat-launcher")
    expect(page.locator("#herts-chat-status")).to_have_attribute("data-state", "connected", timeout=20_000)


def send(page: Page, text: str) -> None:
    page.fill("#herts-chat-input", text)
    page.keyboard.press("Enter")


def bot_messages(page: Page):
    return page.locator('.herts-msg[data-role="bot"] .herts-msg__text')


def wait_for_bot_messages(page: Page, count: int) -> list:
    expect(bot_messages(page)).to_have_count(count, timeout=20_000)
    return [re.sub(r"^Assistant said:\s*", "", text) for text in bot_messages(page).all_inner_texts()]


def test_a_resident_types_a_message_and_gets_the_answer(page, responses):
    open_chat(page)
    send(page, "my bike was stolen from outside hitchin station on monday")
    assert wait_for_bot_messages(page, 2) == [responses["utter_theft"], responses["utter_contact_footer"]]


def test_a_booking_made_by_clicking_the_offered_times_comes_with_a_calendar_file(page, responses):
    open_chat(page)
    send(page, "can I book an appointment at Berkhamsted police station about my stolen van, my name is Kim, kim@example.org")
    wait_for_bot_messages(page, 1)
    times = page.locator(".herts-qr")
    assert 3 <= times.count() <= 5
    times.first.click()
    expect(page.locator(".herts-qr", has_text="Yes, book it")).to_be_visible(timeout=20_000)
    page.click(".herts-qr >> text=Yes, book it")
    link = page.locator("a.herts-calendar")
    expect(link).to_be_visible(timeout=20_000)
    with page.expect_download() as download:
        link.click()
    saved = Path(download.value.path()).read_text()
    reference = re.search(r"APT-\d{2}-\d{6}", page.locator(".herts-msg", has_text="Booked.").inner_text()).group()
    assert download.value.suggested_filename == f"{reference}.ics"
    assert saved.startswith("BEGIN:VCALENDAR") and "Berkhamsted Police Station" in saved and "van" not in saved


def test_an_emergency_shows_the_999_advice_first_marked_urgent(page, responses):
    open_chat(page)
    send(page, "someone is breaking into my house right now")
    replies = wait_for_bot_messages(page, 3)
    assert responses["utter_emergency_now"] in replies[0]
    first = page.locator('.herts-msg[data-role="bot"]').first
    expect(first).to_have_attribute("data-urgent", "true")
    expect(first.locator(".herts-urgent-label")).to_have_text("Urgent:")
    expect(page.locator("#herts-chat-alert")).to_contain_text("999")


def test_a_reload_continues_the_same_conversation(page, stack, responses):
    open_chat(page)
    send(page, "my bike was stolen from outside hitchin station on monday")
    wait_for_bot_messages(page, 2)
    session = page.evaluate("window.hertsChat.state().sessionId")
    page.reload()
    expect(page.locator("#herts-chat-panel")).to_be_visible()
    wait_for_bot_messages(page, 2)
    expect(page.locator("#herts-chat-status")).to_have_attribute("data-state", "connected", timeout=20_000)
    send(page, "thanks")
    wait_for_bot_messages(page, 3)
    assert page.evaluate("window.hertsChat.state().sessionId") == session
    assert stack.user_texts(session) == ["my bike was stolen from outside hitchin station on monday", "thanks"]


def test_a_message_typed_while_the_connection_is_down_is_sent_when_it_returns(page, stack):
    open_chat(page)
    session = page.evaluate("window.hertsChat.state().sessionId")
    stack.stop("rasa")
    expect(page.locator("#herts-chat-status")).not_to_have_attribute("data-state", "connected", timeout=30_000)
    send(page, "someone keeps dumping rubbish by the garages in stevenage")
    expect(page.locator('[data-status="waiting"]')).to_have_count(1)
    stack.start("rasa")
    expect(page.locator('[data-status="waiting"]')).to_have_count(0, timeout=60_000)
    expect(bot_messages(page).first).to_be_visible(timeout=20_000)
    assert stack.user_texts(session) == ["someone keeps dumping rubbish by the garages in stevenage"]


def test_the_quick_exit_leaves_nothing_behind(page, stack, exit_url):
    before = exit_url.replace("/weather", "/news")
    page.goto(before)
    page.goto(stack.page_url)
    open_chat(page)
    send(page, "my partner hits me when he's drunk")
    wait_for_bot_messages(page, 2)
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(exit_url)
    assert page.evaluate("sessionStorage.length") == 0 and page.evaluate("localStorage.length") == 0
    page.go_back()
    assert page.url == before, "Back must not bring the conversation back"
    page.goto(stack.page_url)
    assert page.evaluate("sessionStorage.length") == 0 and not page.context.cookies()
    page.click("#herts-chat-launcher")
    expect(page.locator(".herts-msg")).to_have_count(0)


def test_escape_and_the_leave_button_exit_at_once(page, stack, exit_url):
    open_chat(page)
    page.keyboard.press("Escape")
    page.wait_for_url(exit_url)
    page.goto(stack.page_url)
    page.click("#herts-exit")
    page.wait_for_url(exit_url)


def test_keyboard_only_from_open_to_answer_to_close(page, responses):
    reached = []
    for _ in range(2):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.textContent.trim()"))
    assert reached == ["Skip to main content", "Leave this site"], "the quick exit comes first after the skip link"
    page.focus("#herts-chat-launcher")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "herts-chat-input"
    page.keyboard.type("teenagers keep setting fires in the park at Kings Langley")
    page.keyboard.press("Enter")
    wait_for_bot_messages(page, 2)
    options = page.locator(".herts-qr:not([disabled])")
    expect(options).to_have_count(2)
    options.first.focus()
    page.keyboard.press("Enter")
    wait_for_bot_messages(page, 3)
    page.focus("#herts-chat-close")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "herts-chat-launcher"


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["320px", "1280px"])
def test_no_serious_accessibility_problems_and_screenshots_for_the_readme(chromium, stack, viewport):
    context = chromium.new_context(viewport=viewport, bypass_csp=True)  # to inject axe-core
    page = context.new_page()
    page.goto(stack.page_url)
    open_chat(page)
    send(page, "my bike was stolen from outside hitchin station on monday")
    wait_for_bot_messages(page, 2)
    page.add_script_tag(content=Path(AXE).read_text())
    result = page.evaluate("""async () => (await axe.run(document, {runOnly: {type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})).violations
        .map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.length}))""")
    serious = [v for v in result if v["impact"] in ("serious", "critical")]
    assert serious == [], serious
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"webchat-{viewport['width']}.png"))
    context.close()


def test_reduced_motion_is_respected(chromium, stack):
    context = chromium.new_context(viewport=PHONE, reduced_motion="reduce")
    page = context.new_page()
    page.goto(stack.page_url)
    open_chat(page)
    animated = page.evaluate("""() => [...document.querySelectorAll('.herts-chat *')]
        .filter(e => getComputedStyle(e).animationName !== 'none').length""")
    context.close()
    assert animated == 0


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["320px", "1280px"])
def test_text_at_200_percent_still_fits_and_works(chromium, stack, viewport, responses):
    context = chromium.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(stack.page_url)
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    open_chat(page)
    send(page, "my bike was stolen from outside hitchin station on monday")
    assert wait_for_bot_messages(page, 2)[0] == responses["utter_theft"]
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    expect(page.locator("#herts-chat-send")).to_be_in_viewport()
    context.close()
    assert overflow <= 0, "no sideways scrolling at 200% text"
