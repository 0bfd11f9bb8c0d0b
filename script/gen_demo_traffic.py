"""Writes router/demo/traffic.jsonl: a deterministic day-in-ten-minutes of customer messages
for the demo knowledge base (questions in its own words, requests for a person, questions
it cannot answer, and thanks after answers). Run: python script/gen_demo_traffic.py"""

from __future__ import annotations

import random
from pathlib import Path

import orjson

from router.demo import load_demo_knowledge

OUT = Path(__file__).resolve().parent.parent / "router" / "demo" / "traffic.jsonl"
CHANNELS = ["web"] * 4 + ["telegram"] * 3 + ["whatsapp"] * 2 + ["vk", "mobile_app"]
PERSON = ["Позовите оператора", "хочу поговорить с живым человеком", "I need a human agent"]
OFF_TOPIC = ["какая завтра погода?", "посоветуйте фильм на вечер", "what's the capital of Peru?"]
THANKS = ["Спасибо, помогло!", "спасибо", "thanks, that helped"]


def main() -> None:
    rng = random.Random(20261128)
    kb = load_demo_knowledge()
    examples = [e.text for intent in kb.intents for e in intent.examples]
    lines = []
    at = 0.0
    for n in range(300):
        at += rng.expovariate(0.5)
        customer = f"demo-{n}"
        channel = rng.choice(CHANNELS)
        roll = rng.random()
        text = (
            rng.choice(PERSON)
            if roll < 0.12
            else rng.choice(OFF_TOPIC)
            if roll < 0.18
            else rng.choice(examples)
        )
        lines.append({"at": round(at, 2), "channel": channel, "customer": customer, "text": text})
        if roll >= 0.18 and rng.random() < 0.3:
            lines.append(
                {
                    "at": round(at + rng.uniform(5, 20), 2),
                    "channel": channel,
                    "customer": customer,
                    "text": rng.choice(THANKS),
                }
            )
    lines.sort(key=lambda line: float(str(line["at"])))
    OUT.write_bytes(b"\n".join(orjson.dumps(line) for line in lines) + b"\n")
    print(f"wrote {len(lines)} messages to {OUT}")


if __name__ == "__main__":
    main()
