"""The web chat against a real router that runs the demo bot: visitors post over HTTP and
read the answers as server-sent events, each only their own."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from clients_harness import FAST_RETRY, serve
from web_chat_harness import WIDGET_HEADERS, event_stream, post

from clients.router_client import RouterClient
from clients.settings import ClientSettings
from clients.web import identity
from clients.web.app import CUSTOMER_HEADER, CUSTOMER_SIGNATURE_HEADER, STATIC, create_app
from router.app import Router, create_server
from router.demo.seed import seed_demo
from router.domain.assignment import OperatorStatus
from router.domain.desk import Reply
from router.domain.directory import Caller, Role
from router.settings import Settings

COOKIE_SECRET = "test-cookie-secret"
LINK_SECRET = "test-link-secret"
TARIFF_QUESTION = "Сколько стоит тариф Мой онлайн?"


@pytest.fixture
async def demo_router(tmp_path: Path) -> AsyncIterator[tuple[Router, str]]:
    router = create_server(
        Settings(db_path=tmp_path / "web.db", listen="127.0.0.1:0", grace_seconds=1)
    )
    seeded = await seed_demo(router)
    assert seeded.api_key
    await router.model.refresh()
    await router.start()
    yield router, seeded.api_key
    await router.stop()


@pytest.fixture
async def site(demo_router: tuple[Router, str]) -> AsyncIterator[str]:
    """The web adapter on a real socket; yields its base URL."""
    router, key = demo_router
    settings = ClientSettings(router=router.address, api_key=key, retry=FAST_RETRY)
    async with RouterClient(settings) as client:
        app = create_app(client, cookie_secret=COOKIE_SECRET, link_secret=LINK_SECRET)
        try:
            async with serve(app) as url:
                yield url
        finally:
            await app.state.web_chat.stop()


def visitor(url: str) -> httpx.AsyncClient:
    return httpx.AsyncClient(base_url=url, timeout=20)


async def test_a_visitor_asks_and_gets_the_bots_answer_as_an_event(site: str) -> None:
    async with visitor(site) as http:
        sent = await post(http, {"text": TARIFF_QUESTION})
        assert sent.status_code == 202
        cookie = http.cookies[identity.VISITOR_COOKIE]
        assert identity.visitor_from_cookie(COOKIE_SECRET, cookie)
        assert "httponly" in sent.headers["set-cookie"].lower()
        assert "samesite=lax" in sent.headers["set-cookie"].lower()
        async with event_stream(http) as events:
            answer = await events.until("bot")
    assert "Мой онлайн" in answer.data["text"] and "₽" in answer.data["text"]
    assert answer.id >= 1 and answer.data["delivery_id"]


async def test_a_clarifying_question_carries_quick_replies_that_answer_it(site: str) -> None:
    async with visitor(site) as http, event_stream(http) as events:
        assert (await post(http, {"text": "цена"})).status_code == 202
        question = await events.until("bot")
        titles = [r["title"] for r in question.data["quick_replies"]]
        assert "Цена тарифа" in titles and len(titles) >= 2
        reply = next(r for r in question.data["quick_replies"] if r["title"] == "Цена тарифа")
        assert (await post(http, {"quick_reply": reply["payload"]})).status_code == 202
        follow_up = await events.until("bot")
    assert follow_up.id > question.id
    assert follow_up.data["text"] != question.data["text"]


async def test_a_visitor_sees_only_their_own_messages(site: str) -> None:
    async with visitor(site) as first, visitor(site) as second:
        await post(first, {"text": TARIFF_QUESTION})
        await post(second, {"text": "Где находится ваш офис?"})
        async with event_stream(second) as events:
            only = await events.until("bot")
        async with event_stream(first) as events:
            own = await events.until("bot")
    assert "город" in only.data["text"].lower()
    assert "Мой онлайн" not in only.data["text"]
    assert "Мой онлайн" in own.data["text"]


async def test_a_tampered_cookie_gets_a_new_visitor_without_the_old_history(site: str) -> None:
    async with visitor(site) as owner:
        await post(owner, {"text": TARIFF_QUESTION})
        async with event_stream(owner) as events:
            await events.until("bot")
        cookie = owner.cookies[identity.VISITOR_COOKIE]
    visitor_id, _, signature = cookie.rpartition(".")
    forged = f"{visitor_id}x.{signature}"  # someone else's id, the original signature
    async with visitor(site) as intruder:
        sent = await post(
            intruder,
            {"text": "Где находится ваш офис?"},
            {"Cookie": f"{identity.VISITOR_COOKIE}={forged}"},
        )
        assert sent.status_code == 202
        fresh = intruder.cookies[identity.VISITOR_COOKIE]
        assert identity.visitor_from_cookie(COOKIE_SECRET, fresh) not in (None, visitor_id)
        async with event_stream(intruder) as events:
            first = await events.until("bot")
    # The first thing the new identity sees is the answer to its own question.
    assert "город" in first.data["text"].lower()


def _app_user_id(router: Router, visitor_id: str) -> str:
    with sqlite3.connect(router.settings.db_path) as conn:
        (value,) = conn.execute(
            "SELECT coalesce(app_user_id, '') FROM channel_identities WHERE channel_user_id = ?",
            (visitor_id,),
        ).fetchone()
    return str(value)


def _visitor_id(http: httpx.AsyncClient) -> str:
    found = identity.visitor_from_cookie(COOKIE_SECRET, http.cookies[identity.VISITOR_COOKIE])
    assert found
    return found


async def test_a_customer_id_is_linked_only_with_the_sites_signature(
    site: str, demo_router: tuple[Router, str]
) -> None:
    router, _ = demo_router
    forged = {CUSTOMER_HEADER: "acct-1", CUSTOMER_SIGNATURE_HEADER: "0" * 64}
    unsigned = {CUSTOMER_HEADER: "acct-1"}
    signed = {
        CUSTOMER_HEADER: "acct-2",
        CUSTOMER_SIGNATURE_HEADER: identity.customer_signature(LINK_SECRET, "acct-2"),
    }
    async with visitor(site) as bad, visitor(site) as bare, visitor(site) as good:
        assert (await post(bad, {"text": "привет"}, forged)).status_code == 202
        assert (await post(bare, {"text": "привет"}, unsigned)).status_code == 202
        assert (await post(good, {"text": "привет"}, signed)).status_code == 202
        assert _app_user_id(router, _visitor_id(bad)) == ""
        assert _app_user_id(router, _visitor_id(bare)) == ""
        assert _app_user_id(router, _visitor_id(good)) == "acct-2"


async def test_reconnecting_with_last_event_id_resends_what_was_missed(site: str) -> None:
    async with visitor(site) as http:
        await post(http, {"text": TARIFF_QUESTION})
        async with event_stream(http) as events:
            first = await events.until("bot")
        # Away (stream closed) while the next answer arrives.
        await post(http, {"text": "Где находится ваш офис?"})
        async with event_stream(http, last_event_id=first.last_event_id) as events:
            missed = await events.until("bot")
        # An id from before an adapter restart (another epoch): everything buffered again.
        stale = "00000000." + first.last_event_id.rpartition(".")[2]
        async with event_stream(http, last_event_id=stale) as events:
            again = await events.next()
    assert missed.id > first.id and "город" in missed.data["text"].lower()
    assert again.id == 1


async def test_cross_site_posts_are_refused(site: str) -> None:
    async with visitor(site) as http:
        no_header = await http.post("/api/messages", json={"text": "hi"})
        other_origin = await http.post(
            "/api/messages",
            json={"text": "hi"},
            headers={**WIDGET_HEADERS, "Origin": "https://evil.example"},
        )
        form = await http.post(
            "/api/messages", content="text=hi", headers={**WIDGET_HEADERS,
            "Content-Type": "application/x-www-form-urlencoded"},
        )  # fmt: skip
        empty = await post(http, {"text": "  "})
    assert no_header.status_code == 403 and other_origin.status_code == 403
    assert form.status_code == 415 and empty.status_code == 400
    assert identity.VISITOR_COOKIE not in http.cookies  # nothing was stored for them


async def test_a_post_while_the_router_is_down_is_a_503(tmp_path: Path) -> None:
    router = create_server(Settings(db_path=tmp_path / "down.db", listen="127.0.0.1:0"))
    await router.start()
    address = router.address
    await router.stop()  # the port is now closed
    settings = ClientSettings(router=address, api_key="ork_x", retry=FAST_RETRY)
    async with RouterClient(settings) as client:
        app = create_app(client, cookie_secret=COOKIE_SECRET)
        try:
            async with serve(app) as url, visitor(url) as http:
                response = await post(http, {"text": TARIFF_QUESTION})
        finally:
            await app.state.web_chat.stop()
    assert response.status_code == 503


XSS = "<img src=x onerror=alert(1)>"


async def test_waiting_for_an_operator_shows_the_queue_position(site: str) -> None:
    async with visitor(site) as http, event_stream(http) as events:
        await post(http, {"text": "Позовите, пожалуйста, живого человека"})
        handing_over = await events.until("bot")
        place = await events.until("system")
    assert "оператор" in handing_over.data["text"]
    assert "очеред" in place.data["text"]
    # The router does not fill Delivery.queue_position yet; when it does, it comes as data.
    assert place.data.get("queue", {"position": 1})["position"] >= 1


async def test_an_operators_markup_arrives_as_literal_text(
    site: str, demo_router: tuple[Router, str]
) -> None:
    router, _ = demo_router
    agent = Caller("demo.agent", Role.AGENT)
    router.assignment.set_status(agent.operator_id, OperatorStatus.AVAILABLE)
    async with visitor(site) as http, event_stream(http) as events:
        await post(http, {"text": "Позовите, пожалуйста, живого человека"})
        await events.until("system")  # "the operator is joining": the offer is out
        (offer,) = router.assignment.pending_offers(agent.operator_id)
        await router.desk.accept(agent, offer.offer_id)
        await router.desk.reply(agent, offer.conversation_id, Reply(XSS, "xss-1"))
        reply = await events.until("operator")
    assert reply.data["text"] == XSS  # literally, not escaped, not stripped
    assert XSS in reply.raw  # the wire carries JSON data, no HTML anywhere on the way


def test_the_widget_puts_message_text_into_the_page_only_as_text() -> None:
    widget = (STATIC / "widget.js").read_text(encoding="utf-8")
    assert "textContent" in widget
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in widget


async def test_the_adapter_serves_the_demo_page_and_the_widget(site: str) -> None:
    async with visitor(site) as http:
        page = await http.get("/")
        script = await http.get("/widget/widget.js")
        style = await http.get("/widget/widget.css")
    assert page.status_code == 200 and "/widget/widget.js" in page.text
    assert script.status_code == 200 and "javascript" in script.headers["content-type"]
    assert style.status_code == 200 and "text/css" in style.headers["content-type"]
