"""Messages no telecom knowledge base is about, in Russian and English.

They never train an intent; they only show where the model's confidence stops meaning
"I know this", so the bot hands truly off-topic questions to a person instead of
answering them with the nearest intent.
"""

from __future__ import annotations

OFF_TOPIC: tuple[str, ...] = (
    "какая завтра погода",
    "посоветуй фильм на вечер",
    "как приготовить борщ",
    "сколько будет дважды два",
    "кто выиграл чемпионат мира по футболу",
    "расскажи анекдот",
    "где купить дешевые авиабилеты",
    "как похудеть к лету",
    "какой сегодня курс доллара",
    "что подарить маме на день рождения",
    "переведи слово кошка на английский",
    "как записаться к врачу",
    "во сколько открывается зоопарк",
    "напиши стихотворение про осень",
    "какие лекарства от простуды лучше",
    "как выучить английский быстро",
    "сколько лет живут черепахи",
    "порекомендуй хорошую книгу",
    "как починить кран на кухне",
    "где поесть суши рядом",
    "what's the weather like tomorrow",
    "recommend me a movie for tonight",
    "how do I bake banana bread",
    "who won the world cup",
    "tell me a joke",
    "what is the capital of peru",
    "how many calories in an apple",
    "find me cheap flights to paris",
    "what time does the museum open",
    "write a poem about the sea",
    "how tall is mount everest",
    "best way to learn guitar",
    "can you help with my math homework",
    "what is the meaning of life",
    "how do I fix a leaking tap",
    "which laptop should I buy for gaming",
    "translate hello into spanish",
    "how long do cats live",
    "what should I cook for dinner",
    "is it going to rain this weekend",
)
