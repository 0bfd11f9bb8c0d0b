"""The outbound half of a messenger adapter: the one reader of its channel's deliveries in
the process. Each delivery goes through the platform's sender and is acknowledged only after
the platform took it (SENT, with the platform's message id) or refused it for good
(REJECTED, with the reason).

When the platform is unavailable the delivery is not acknowledged: the loop pauses and
streams again from the last acknowledged cursor, so that delivery comes back first and a
customer's messages keep their order. A router that is down pauses the loop the same way;
nothing but cancellation ends it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import OrderedDict
from collections.abc import AsyncIterator, Sequence
from typing import Any, Protocol

from starlette.applications import Starlette
from starlette.routing import BaseRoute

from clients.deliveries import DeliveryStream
from clients.messengers.common import Outbound
from clients.messengers.http_sender import SendRejected, SendUnavailable
from clients.router_client import RouterClient
from router.v1 import common_pb2, ingress_pb2

log = logging.getLogger(__name__)

SENT = ingress_pb2.DELIVERY_OUTCOME_SENT
REJECTED = ingress_pb2.DELIVERY_OUTCOME_REJECTED
# Outcomes of sends whose acknowledgement failed, kept so that the router's redelivery is
# acknowledged again instead of being shown to the customer twice.
REMEMBERED_OUTCOMES = 1024


class Sender(Protocol):
    async def send(self, outbound: Outbound) -> str: ...

    async def aclose(self) -> None: ...


class DeliveryLoop:
    """Sends `channel`'s deliveries through `sender` until stopped; tied to an app's
    lifespan with `Starlette(lifespan=loop.lifespan)`."""

    def __init__(
        self,
        client: RouterClient,
        channel: common_pb2.Channel,
        sender: Sender,
        *,
        platform: str,
        min_pause: float = 0.5,
        max_pause: float = 30.0,
    ) -> None:
        self._client = client
        self._channel = channel
        self._sender = sender
        self._platform = platform
        self._min_pause = min_pause
        self._max_pause = max_pause
        self._task: asyncio.Task[None] | None = None
        self._outcomes: OrderedDict[str, tuple[Any, str, str]] = OrderedDict()

    def start(self) -> None:
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self.run(), name=f"{self._platform}-deliveries")

    async def stop(self) -> None:
        """Stops reading (a delivery being sent is abandoned unacknowledged and comes back
        to the next process) and closes the sender."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        await self._sender.aclose()

    @contextlib.asynccontextmanager
    async def lifespan(self, app: object) -> AsyncIterator[None]:
        self.start()
        try:
            yield
        finally:
            await self.stop()

    async def run(self) -> None:
        cursor = ""
        pause = self._min_pause
        while True:
            stream = self._client.deliveries(self._channel, cursor=cursor)
            try:
                async with contextlib.aclosing(stream.__aiter__()) as deliveries:
                    async for delivery in deliveries:
                        if not await self._deliver(stream, delivery):
                            break
                        pause = self._min_pause  # both sides work: a new outage starts afresh
            except Exception as error:  # the loop must outlive any failure, and log it
                log.error(
                    "delivery loop failed; streaming again after a pause",
                    extra={
                        "platform": self._platform,
                        "error": type(error).__name__,
                        "detail": str(error),
                        "retry_in_s": pause,
                    },
                )
            cursor = stream.cursor
            await asyncio.sleep(pause)
            pause = min(pause * 2, self._max_pause)

    async def _deliver(self, stream: DeliveryStream, delivery: ingress_pb2.Delivery) -> bool:
        """False when the platform could not be reached: the caller pauses and streams again
        from before this delivery."""
        known = self._outcomes.get(delivery.delivery_id)
        if known is not None:
            outcome, external_id, error = known
        else:
            try:
                external_id = await self._sender.send(Outbound.from_delivery(delivery))
            except SendRejected as refusal:
                outcome, external_id, error = REJECTED, "", str(refusal)
                log.warning(
                    "platform refused a delivery",
                    extra={
                        "platform": self._platform,
                        "delivery_id": delivery.delivery_id,
                        "detail": error,
                    },
                )
            except SendUnavailable as failure:
                log.warning(
                    "platform unavailable; the delivery stays pending",
                    extra={
                        "platform": self._platform,
                        "delivery_id": delivery.delivery_id,
                        "detail": str(failure),
                    },
                )
                return False
            else:
                outcome, error = SENT, ""
            self._remember(delivery.delivery_id, (outcome, external_id, error))
        await stream.ack(delivery, outcome, external_id=external_id, error_message=error)
        self._outcomes.pop(delivery.delivery_id, None)
        log.info(
            "delivery sent" if outcome == SENT else "delivery rejected",
            extra={
                "platform": self._platform,
                "delivery_id": delivery.delivery_id,
                "external_id": external_id,
            },
        )
        return True

    def _remember(self, delivery_id: str, outcome: tuple[Any, str, str]) -> None:
        self._outcomes[delivery_id] = outcome
        while len(self._outcomes) > REMEMBERED_OUTCOMES:
            self._outcomes.popitem(last=False)


def messenger_app(
    routes: Sequence[BaseRoute],
    client: RouterClient,
    channel: common_pb2.Channel,
    sender: Sender | None,
    *,
    platform: str,
) -> Starlette:
    """A webhook app; with a sender, also its delivery loop, started and stopped with the
    app's lifespan and kept as `app.state.deliveries` (None without a sender)."""
    loop = DeliveryLoop(client, channel, sender, platform=platform) if sender else None
    app = Starlette(routes=routes, lifespan=loop.lifespan if loop else None)
    app.state.deliveries = loop
    return app
