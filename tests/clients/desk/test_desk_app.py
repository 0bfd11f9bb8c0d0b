"""The operators' web app over HTTP, against a real router with the demo bot: sign-in, CSRF,
the offer → accept → reply → resolve path, who may see what."""

from __future__ import annotations

import httpx
from operator_web_harness import (
    WAIT_SECONDS,
    DemoDesk,
    Sites,
    customer_says,
    desk_events,
    pre_session,
    sign_in_response,
    signed_in,
)
from web_chat_harness import event_stream

from clients.desk.app import CSRF_HEADER, SESSION_COOKIE

HANDOFF = "Позовите оператора, пожалуйста"


async def test_sign_in_opens_a_strict_http_only_session(demo_desk: DemoDesk, sites: Sites) -> None:
    async with httpx.AsyncClient(base_url=sites.desk, timeout=WAIT_SECONDS) as http:
        wrong_key = await sign_in_response(http, "demo.agent", "opt_not-a-key")
        assert wrong_key.status_code == 401
        # A real key of another operator does not sign in as this one.
        someone_else = await sign_in_response(http, "boris", demo_desk.tokens["demo.agent"])
        assert someone_else.status_code == 401
        assert (await http.get("/api/state")).status_code == 401

        answer = await sign_in_response(http, "demo.agent", demo_desk.tokens["demo.agent"])
        assert answer.status_code == 200
        cookie = next(
            h for h in answer.headers.get_list("set-cookie") if h.startswith(SESSION_COOKIE)
        )
        assert "httponly" in cookie.lower() and "samesite=strict" in cookie.lower()
        assert demo_desk.tokens["demo.agent"] not in answer.text  # the token stays server-side
        session = (await http.get("/api/session")).json()
        assert session["signed_in"] and session["operator"]["operator_id"] == "demo.agent"
        assert session["csrf"] == answer.json()["csrf"]

        out = await http.post("/api/signout", json={}, headers={CSRF_HEADER: session["csrf"]})
        assert out.status_code == 200
        assert (await http.get("/api/state")).status_code == 401


async def test_failed_sign_ins_are_limited(demo_desk: DemoDesk, sites: Sites) -> None:
    async with httpx.AsyncClient(base_url=sites.desk, timeout=WAIT_SECONDS) as http:
        for _ in range(5):
            assert (await sign_in_response(http, "demo.agent", "opt_guess")).status_code == 401
        limited = await sign_in_response(http, "demo.agent", demo_desk.tokens["demo.agent"])
        assert limited.status_code == 429
        assert int(limited.headers["retry-after"]) > 0
        assert limited.json()["retry_after"] > 0


async def test_state_changes_need_the_csrf_token_json_and_this_origin(
    sites: Sites, demo_desk: DemoDesk
) -> None:
    async with signed_in(sites.desk, "demo.agent", demo_desk.tokens["demo.agent"]) as agent:
        http = agent.http
        assert (await http.post("/api/status", json={"status": "away"})).status_code == 403
        stale = await http.post(
            "/api/status", json={"status": "away"}, headers={CSRF_HEADER: "stale"}
        )
        assert stale.status_code == 403
        cross_site = await http.post(
            "/api/status",
            json={"status": "away"},
            headers={CSRF_HEADER: agent.csrf, "Origin": "https://evil.example"},
        )
        assert cross_site.status_code == 403
        form = await http.post(
            "/api/status",
            content=b"status=away",
            headers={CSRF_HEADER: agent.csrf, "Content-Type": "application/x-www-form-urlencoded"},
        )
        assert form.status_code == 415
        away = await agent.post("/api/status", {"status": "away"})
        assert away.status_code == 200 and away.json()["operator"]["status"] == "away"
    async with httpx.AsyncClient(base_url=sites.desk) as http:
        await pre_session(http)
        no_token = await http.post(
            "/api/signin", json={"operator_id": "demo.agent", "access_key": "x"}
        )
        assert no_token.status_code == 403


async def test_every_answer_carries_the_security_headers(sites: Sites) -> None:
    async with httpx.AsyncClient(base_url=sites.desk) as http:
        for path in ("/", "/api/session", "/static/desk.js"):
            answer = await http.get(path)
            assert answer.status_code == 200, path
            assert "script-src 'self'" in answer.headers["content-security-policy"]
            assert answer.headers["x-content-type-options"] == "nosniff"
            assert answer.headers["x-frame-options"] == "DENY"


async def test_an_operator_takes_a_conversation_from_offer_to_resolution(
    demo_desk: DemoDesk, sites: Sites
) -> None:
    async with (
        signed_in(sites.desk, "demo.agent", demo_desk.tokens["demo.agent"]) as agent,
        desk_events(agent) as events,
        httpx.AsyncClient(base_url=sites.chat, timeout=WAIT_SECONDS) as customer,
    ):
        await events.until("link", state="connected")
        await customer_says(sites.chat, HANDOFF, customer)
        offer = (await events.until("desk", type="offer")).data
        cid = offer["conversation"]["conversation_id"]
        assert offer["conversation"]["channel"] == "web"
        assert offer["conversation"]["handoff"]["reason"] == "customer_request"
        assert offer["conversation"]["last_message_preview"] == HANDOFF  # not the bot's notice
        state = (await agent.http.get("/api/state")).json()
        assert [o["offer_id"] for o in state["offers"]] == [offer["offer_id"]]

        accepted = await agent.post(f"/api/offers/{offer['offer_id']}/accept")
        assert accepted.status_code == 200
        assert accepted.json()["conversation"]["state"] == "assigned"
        await events.until("desk", type="offer_closed", offer_id=offer["offer_id"])
        again = await agent.post(f"/api/offers/{offer['offer_id']}/decline")
        assert again.status_code in (200, 409)  # declining an accepted offer changes nothing

        detail = (await agent.http.get(f"/api/conversations/{cid}")).json()
        roles = [m["author"]["role"] for m in detail["messages"]]
        assert roles[0] == "customer" and detail["messages"][0]["text"] == HANDOFF
        assert detail["customer"]["identities"][0]["channel"] == "web"

        async with event_stream(customer) as chat_events:
            sent = await agent.post(
                f"/api/conversations/{cid}/reply",
                {"text": "Здравствуйте! Чем помочь?", "client_message_id": "r-1"},
            )
            assert sent.status_code == 200
            assert sent.json()["message"]["author"]["role"] == "operator"
            delivered = await chat_events.until("operator")
            assert delivered.data["text"] == "Здравствуйте! Чем помочь?"
        repeated = await agent.post(
            f"/api/conversations/{cid}/reply",
            {"text": "Здравствуйте! Чем помочь?", "client_message_id": "r-1"},
        )
        assert repeated.json()["duplicate"] is True

        resolved = await agent.post(
            f"/api/conversations/{cid}/resolve", {"intent": "roaming.enable"}
        )
        assert resolved.status_code == 200, resolved.text
        assert resolved.json()["conversation"]["state"] == "resolved"
        unknown = await agent.post(f"/api/conversations/{cid}/resolve", {"intent": ""})
        assert unknown.status_code == 422 and unknown.json()["field"] == "intent"
        assert (await agent.http.get("/api/state")).json()["conversations"] == []


async def test_another_operators_conversation_is_forbidden_page_and_api(
    demo_desk: DemoDesk, sites: Sites
) -> None:
    async with (
        signed_in(sites.desk, "demo.agent", demo_desk.tokens["demo.agent"]) as agent,
        signed_in(sites.desk, "boris", demo_desk.tokens["boris"]) as boris,
        desk_events(agent) as events,
    ):
        await boris.post("/api/status", {"status": "away"})  # so the offer goes to the agent
        await events.until("link", state="connected")
        await customer_says(sites.chat, HANDOFF)
        offer = (await events.until("desk", type="offer")).data
        cid = offer["conversation"]["conversation_id"]
        assert (await agent.post(f"/api/offers/{offer['offer_id']}/accept")).status_code == 200

        assert (await agent.http.get(f"/conversations/{cid}")).status_code == 200
        assert (await boris.http.get(f"/conversations/{cid}")).status_code == 403
        api = await boris.http.get(f"/api/conversations/{cid}")
        assert api.status_code == 403 and api.json()["code"] == "forbidden"
        hijack = await boris.post(
            f"/api/conversations/{cid}/reply", {"text": "hi", "client_message_id": "x"}
        )
        assert hijack.status_code in (403, 409)
        assert (await boris.http.get("/conversations/no-such")).status_code in (403, 404)


async def test_supervisors_see_queues_operators_and_self_service(
    demo_desk: DemoDesk, sites: Sites
) -> None:
    async with (
        signed_in(sites.desk, "demo.agent", demo_desk.tokens["demo.agent"]) as agent,
        signed_in(sites.desk, "demo.supervisor", demo_desk.tokens["demo.supervisor"]) as boss,
    ):
        assert (await agent.http.get("/api/supervisor")).status_code == 403
        await customer_says(sites.chat, "Какой у меня баланс?")
        board = (await boss.http.get("/api/supervisor")).json()
        assert {o["operator_id"] for o in board["operators"]} >= {"demo.agent", "boris"}
        assert board["queues"] and "service_level" in board["queues"][0]
        assert "self_service_share" in board["self_service"]
        assert board["operator_stats"]["by_status"]


async def test_knowledge_answers_are_searchable_and_intents_listed(
    demo_desk: DemoDesk, sites: Sites
) -> None:
    async with signed_in(sites.desk, "demo.agent", demo_desk.tokens["demo.agent"]) as agent:
        intents = (await agent.http.get("/api/intents")).json()["intents"]
        assert "roaming.enable" in {i["name"] for i in intents}
        found = (await agent.http.get("/api/answers", params={"q": "роуминг"})).json()["answers"]
        assert found and all(
            "роуминг" in (a["text"] + a["intent"]).casefold().replace("roaming", "роуминг")
            for a in found
        )
        assert (await agent.http.get("/api/answers", params={"q": ""})).json()["answers"] == []


async def test_a_conversation_is_transferred_to_a_colleague_team_or_skill(
    demo_desk: DemoDesk, sites: Sites
) -> None:
    async with (
        signed_in(sites.desk, "demo.agent", demo_desk.tokens["demo.agent"]) as agent,
        signed_in(sites.desk, "boris", demo_desk.tokens["boris"]) as boris,
        desk_events(agent) as events,
        desk_events(boris) as boris_events,
    ):
        await boris.post("/api/status", {"status": "away"})
        await customer_says(sites.chat, HANDOFF)
        offer = (await events.until("desk", type="offer")).data
        cid = offer["conversation"]["conversation_id"]
        await agent.post(f"/api/offers/{offer['offer_id']}/accept")
        targets = (await agent.http.get("/api/transfer-targets")).json()
        assert [o["operator_id"] for o in targets["operators"]] == ["boris", "demo.supervisor"]
        assert {"general", "roaming"} <= {s["name"] for s in targets["skills"]}

        bad = await agent.post(f"/api/conversations/{cid}/transfer", {"target": "desk:7"})
        assert bad.status_code == 422 and bad.json()["field"] == "target"
        await boris.post("/api/status", {"status": "available"})
        moved = await agent.post(
            f"/api/conversations/{cid}/transfer",
            {"target": "operator:boris", "note": "про роуминг"},
        )
        assert moved.status_code == 200, moved.text
        # The engine hands a conversation to a named colleague directly (no offer).
        assert moved.json()["conversation"]["operator_id"] == "boris"
        handed = await boris_events.until("desk", type="conversation_update")
        assert handed.data["conversation"]["conversation_id"] == cid
        assert handed.data["change"] in ("transferred", "assigned")
        mine = (await boris.http.get(f"/api/conversations/{cid}")).json()
        assert mine["conversation"]["operator_id"] == "boris"
        gone = await agent.post(
            f"/api/conversations/{cid}/reply", {"text": "ещё тут?", "client_message_id": "late"}
        )
        assert gone.status_code in (403, 409)  # no longer the agent's conversation
