"""The operators' web app in a real browser (Debian's headless Chromium, Playwright): a
customer writes in the web-chat widget, the operator signs in, accepts the offer, answers,
the answer reaches the widget, the operator resolves with a label. Plus the XSS probe, the
403 case and a router restart. Screenshots of the main views go to test-artifacts/screenshots."""

from __future__ import annotations

from dataclasses import replace

from browser_harness import (
    DESKTOP,
    PHONE,
    chat_page,
    screenshot_path,
    sign_in,
    widget_says,
)
from operator_web_harness import DemoDesk, Sites, customer_says
from playwright.async_api import Browser, expect

from clients.router_client import RouterClient
from clients.settings import ClientSettings
from router.app import create_server
from router.v1 import common_pb2, ingress_pb2

XSS = "<img src=x onerror=alert(1)>"


async def test_offer_accept_reply_and_resolve_in_the_browser(
    browser: Browser, demo_desk: DemoDesk, sites: Sites
) -> None:
    signed_out = await (await browser.new_context(viewport=DESKTOP)).new_page()
    await signed_out.goto(sites.desk)
    await expect(signed_out.locator("#signin-form")).to_be_visible()
    await signed_out.screenshot(path=screenshot_path("sign-in"))

    agent = await sign_in(browser, sites.desk, "demo.agent", demo_desk.tokens["demo.agent"])
    customer = await chat_page(browser, sites.chat)
    await widget_says(customer, "Позовите оператора, вопрос про роуминг в Турции")

    offer = agent.locator("#offers .offer")
    await expect(offer).to_have_count(1)
    await expect(offer.locator(".offer-countdown")).not_to_be_empty()
    await agent.screenshot(path=screenshot_path("offer"))
    await offer.locator(".offer-accept").click()

    conversation = agent.locator("#conversation")
    await expect(conversation).to_be_visible()
    cid = await conversation.get_attribute("data-conversation-id")
    assert cid and agent.url.endswith(f"/conversations/{cid}")
    await expect(agent.locator("#inbox .inbox-item .channel-badge")).to_have_text("web")
    transcript = agent.locator("#transcript")
    await expect(transcript.locator('.msg[data-role="customer"] .msg-text').first).to_have_text(
        "Позовите оператора, вопрос про роуминг в Турции"
    )
    await expect(agent.locator("#bot-guess")).to_contain_text("Турция")
    await expect(agent.locator("#customer-card .identity")).to_have_count(1)

    # The knowledge base's answer goes into the reply box; the operator edits and sends it.
    await agent.fill("#kb-search", "роуминг")
    await agent.locator("#kb-results .kb-answer .kb-insert").first.click()
    await expect(agent.locator("#reply-text")).not_to_have_value("")
    await agent.fill("#reply-text", "Здравствуйте!\nРоуминг в Турции включён.")
    await agent.press("#reply-text", "Enter")
    await expect(transcript.locator('.msg[data-role="operator"] .msg-text')).to_have_text(
        "Здравствуйте!\nРоуминг в Турции включён."
    )
    await expect(customer.locator(".omniroute-msg.omniroute-operator")).to_contain_text(
        "Роуминг в Турции включён."
    )
    await customer.screenshot(path=screenshot_path("web-chat-customer"))
    await agent.screenshot(path=screenshot_path("conversation"))

    # Back in the inbox, the customer's next message shows as unread until it is opened.
    await agent.click("#nav-inbox")
    await expect(conversation).to_be_hidden()
    await widget_says(customer, "Спасибо, а сколько стоит?")
    item = agent.locator(f'#inbox .inbox-item[data-conversation-id="{cid}"]')
    await expect(item.locator(".unread")).to_have_text("1")
    await item.click()
    await expect(transcript.locator('.msg[data-role="customer"] .msg-text').last).to_have_text(
        "Спасибо, а сколько стоит?"
    )
    await expect(item.locator(".unread")).to_be_hidden()

    # The label field is prefilled with the bot's guess; the operator sets the right one.
    await expect(agent.locator("#resolve-intent")).not_to_have_value("")
    await agent.fill("#resolve-intent", "roaming.enable")
    await agent.click("#resolve-submit")
    await expect(agent.locator("#inbox .inbox-item")).to_have_count(0)
    await expect(conversation).to_be_hidden()
    resolved = [c for c in demo_desk.router.assignment.conversations()]
    assert all(c.conversation_id != cid for c in resolved)


async def test_customer_markup_is_shown_as_text_and_never_runs(
    browser: Browser, demo_desk: DemoDesk, sites: Sites
) -> None:
    agent = await sign_in(browser, sites.desk, "demo.agent", demo_desk.tokens["demo.agent"])
    dialogs: list[str] = []
    agent.on("dialog", lambda dialog: dialogs.append(dialog.message))
    await customer_says(sites.chat, f"Позовите оператора {XSS}")
    offer = agent.locator("#offers .offer")
    await expect(offer).to_have_count(1)
    await agent.keyboard.press("Alt+a")  # the accept shortcut
    message = agent.locator('#transcript .msg[data-role="customer"] .msg-text').first
    await expect(message).to_have_text(f"Позовите оператора {XSS}")
    assert await agent.locator("#desk img").count() == 0
    await agent.wait_for_timeout(300)  # an onerror handler would have fired by now
    assert dialogs == []

    # Alt+R resolves with the label in the field, prefilled with the bot's guess.
    await expect(agent.locator("#resolve-intent")).not_to_have_value("")
    await agent.keyboard.press("Alt+r")
    await expect(agent.locator("#inbox .inbox-item")).to_have_count(0)


async def test_another_operators_conversation_answers_403(
    browser: Browser, demo_desk: DemoDesk, sites: Sites
) -> None:
    agent = await sign_in(browser, sites.desk, "demo.agent", demo_desk.tokens["demo.agent"])
    boris = await sign_in(browser, sites.desk, "boris", demo_desk.tokens["boris"])
    await boris.select_option("#status-select", "away")  # so the offer goes to the agent
    await customer_says(sites.chat, "Позовите оператора")
    await agent.locator("#offers .offer .offer-accept").click()
    await expect(agent.locator("#conversation")).to_be_visible()
    cid = await agent.locator("#conversation").get_attribute("data-conversation-id")
    assert cid

    answer = await boris.goto(f"{sites.desk}/conversations/{cid}")
    assert answer is not None and answer.status == 403
    await expect(boris.locator("#forbidden")).to_be_visible()
    await expect(boris.locator("#forbidden")).to_have_text("You cannot open this conversation")
    await expect(boris.locator("#transcript .msg")).to_have_count(0)
    await boris.screenshot(path=screenshot_path("forbidden"))


async def test_the_desk_shows_reconnecting_and_recovers_when_the_router_restarts(
    browser: Browser, demo_desk: DemoDesk, sites: Sites
) -> None:
    agent = await sign_in(browser, sites.desk, "demo.agent", demo_desk.tokens["demo.agent"])
    await demo_desk.router.stop()
    banner = agent.locator("#link-state")
    await expect(banner).to_be_visible()
    await expect(banner).to_have_text("Reconnecting…")
    await agent.screenshot(path=screenshot_path("reconnecting"))

    restarted = create_server(replace(demo_desk.settings, listen=demo_desk.router.address))
    await restarted.model.refresh()
    await restarted.start()
    demo_desk.router = restarted  # the fixture stops this one
    await expect(banner).to_be_hidden()
    await customer_says(sites.chat, "Позовите оператора")
    await expect(agent.locator("#offers .offer")).to_have_count(1)


async def test_supervisor_view_and_phone_width(
    browser: Browser, demo_desk: DemoDesk, sites: Sites
) -> None:
    await customer_says(sites.chat, "Сколько стоит тариф Мой онлайн?")
    boss = await sign_in(
        browser, sites.desk, "demo.supervisor", demo_desk.tokens["demo.supervisor"]
    )
    await boss.click("#nav-supervisor")
    await expect(boss.locator("#supervisor")).to_be_visible()
    await expect(boss.locator("#operators .operator-row")).to_have_count(3)
    await expect(boss.locator("#queues .queue-row").first).to_be_visible()
    await expect(boss.locator("#self-service-share")).to_contain_text("%")
    await boss.screenshot(path=screenshot_path("supervisor"))

    agent = await sign_in(
        browser, sites.desk, "demo.agent", demo_desk.tokens["demo.agent"], viewport=PHONE
    )
    await expect(agent.locator("#nav-supervisor")).to_be_hidden()
    await customer_says(sites.chat, "Позовите оператора")
    await agent.locator("#offers .offer .offer-accept").click()
    await expect(agent.locator("#reply-text")).to_be_visible()
    width = await agent.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"]  # nothing overflows sideways at phone width
    await agent.screenshot(path=screenshot_path("conversation-phone"), full_page=True)


async def test_one_customer_across_channels_shows_in_the_card_and_history(
    browser: Browser, demo_desk: DemoDesk, sites: Sites
) -> None:
    async def says(channel: int, external_id: str, user_id: str, text: str) -> None:
        settings = ClientSettings(router=demo_desk.router.address, api_key=demo_desk.api_key)
        async with RouterClient(settings) as client:
            await client.send_message(
                ingress_pb2.InboundMessage(
                    channel=channel,
                    external_id=external_id,
                    customer=common_pb2.CustomerIdentity(
                        channel_user_id=user_id, display_name="Ирина", verified_phone="+79990001122"
                    ),
                    text=text,
                )
            )

    agent = await sign_in(browser, sites.desk, "demo.agent", demo_desk.tokens["demo.agent"])
    await says(common_pb2.CHANNEL_TELEGRAM, "tg-1", "tg-42", "Позовите оператора, вопрос по счёту")
    await agent.locator("#offers .offer .offer-accept").click()
    await expect(agent.locator("#inbox .channel-badge")).to_have_text("telegram")
    await agent.fill("#resolve-intent", "billing.dispute")
    await agent.click("#resolve-submit")
    await expect(agent.locator("#inbox .inbox-item")).to_have_count(0)

    # The same verified phone on WhatsApp: the same customer, a new conversation.
    await says(common_pb2.CHANNEL_WHATSAPP, "wa-1", "wa-79990001122", "Позовите оператора")
    await agent.locator("#offers .offer .offer-accept").click()
    await expect(agent.locator("#inbox .channel-badge")).to_have_text("whatsapp")
    await expect(agent.locator("#customer-card .identity")).to_have_count(2)
    await expect(agent.locator("#history")).to_contain_text("вопрос по счёту")
    await expect(agent.locator("#history .channel-badge").first).to_have_text("telegram")
    await expect(agent.locator("#past-conversations")).to_contain_text("telegram")
    await agent.screenshot(path=screenshot_path("customer-across-channels"))


async def test_a_declined_offer_leaves_the_desk_and_goes_back_to_the_queue(
    browser: Browser, demo_desk: DemoDesk, sites: Sites
) -> None:
    agent = await sign_in(browser, sites.desk, "demo.agent", demo_desk.tokens["demo.agent"])
    await customer_says(sites.chat, "Позовите оператора")
    await expect(agent.locator("#offers .offer")).to_have_count(1)
    await agent.keyboard.press("Alt+d")  # the decline shortcut
    await expect(agent.locator("#offers .offer")).to_have_count(0)
    await expect(agent.locator("#inbox .inbox-item")).to_have_count(0)
    (conversation,) = list(demo_desk.router.assignment.conversations())
    assert conversation.operator_id != "demo.agent"


async def test_an_operator_transfers_a_conversation_to_a_skill(
    browser: Browser, demo_desk: DemoDesk, sites: Sites
) -> None:
    agent = await sign_in(browser, sites.desk, "demo.agent", demo_desk.tokens["demo.agent"])
    await customer_says(sites.chat, "Позовите оператора")
    await agent.locator("#offers .offer .offer-accept").click()
    await expect(agent.locator("#conversation")).to_be_visible()
    target = agent.locator("#transfer-target")
    await expect(target.locator('option[value="skill:billing"]')).to_have_count(1)
    await expect(target.locator('option[value="operator:boris"]')).to_have_count(1)
    await target.select_option("skill:billing")
    await agent.fill("#transfer-note", "вопрос по счёту")
    await agent.click("#transfer-submit")
    # It is queued again with billing as its skill and leaves the agent's inbox (it may come
    # back to them as a new offer: they have the skill).
    await expect(agent.locator("#inbox .inbox-item")).to_have_count(0)
    (conversation,) = list(demo_desk.router.assignment.conversations())
    assert conversation.item.required_skills == ("billing",)
