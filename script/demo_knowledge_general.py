"""General intents of the demo operator (no entity), for gen_demo_knowledge.py.

Each entry: name, skills, operator_only, titles (ru, en), answers (ru, en), examples ru,
examples en. Written for omniroute (Apache-2.0); the operator and its numbers are invented.
"""

from __future__ import annotations

from typing import NamedTuple


class General(NamedTuple):
    name: str
    skills: list[str | tuple[str, int]]
    operator_only: bool
    titles: tuple[str, str]
    answers: tuple[str, str] | None
    ru: list[str]
    en: list[str]


# fmt: off
APP_RU = "приложении «Мой Волна»"
APP_EN = "the My Volna app"

GENERAL: list[General] = [
    General(
        "balance.check", ["billing"], False, ("Баланс", "Balance"),
        (f"Баланс можно узнать командой *100#, в {APP_RU} на главном экране или в личном "
         "кабинете на сайте. Звонок на 0500 (справочная) тоже бесплатный.",
         f"Dial *100#, open {APP_EN} (it's on the home screen) or sign in to your account on "
         "the website. Calling 0500 is free too."),
        ["как узнать баланс", "сколько денег на счету", "проверить баланс", "баланс",
         "скока у меня денег на телефоне", "как посмотреть остаток на счёте",
         "какой у меня баланс?", "узнать сколько на балансе", "сколько осталось денег на номере",
         "как проверить счет волна", "не могу понять какой баланс", "баланс номера подскажите",
         "балланс проверить"],
        ["how do i check my balance", "what's my balance", "check balance", "balance",
         "how much credit do i have", "how much money is left on my account",
         "show my account balance", "balance pls", "where can i see my balance",
         "how to see remaining credit", "check my credit", "what's left on my phone account",
         "balanse check"],
    ),
    General(
        "payment.methods", ["billing"], False, ("Способы оплаты", "Ways to pay"),
        (f"Пополнить счёт можно банковской картой в {APP_RU} и на сайте (без комиссии), через "
         "СБП, в банкоматах и терминалах, в салонах «Волны». Автоплатёж настраивается в "
         "приложении в разделе «Платежи».",
         f"Top up with a bank card in {APP_EN} or on the website (no fee), by fast bank "
         "transfer, at ATMs and payment kiosks, or in Volna stores. Auto top-up is under "
         "Payments in the app."),
        ["как пополнить счет", "как оплатить связь", "способы оплаты", "где можно положить деньги "
         "на телефон", "пополнить баланс картой", "оплата без комиссии", "можно ли оплатить "
         "через сбп", "как закинуть деньги на номер", "пополнить с карты сбербанка",
         "как оплатить тариф", "куда платить за связь", "как положить деньги на телефон",
         "попольнить счет"],
        ["how can i top up", "how do i pay my bill", "payment methods", "top up with a card",
         "can i pay by bank transfer", "where can i pay for my phone", "add money to my number",
         "how to put credit on my phone", "pay without a fee", "ways to pay",
         "how to recharge my account", "pay for my plan", "top-up options"],
    ),
    General(
        "payment.not_received", ["billing"], False, ("Платёж не поступил", "Payment missing"),
        ("Платежи обычно зачисляются за несколько минут, через терминалы — до 24 часов. Если "
         "прошло больше суток, пришлите сюда дату, сумму и способ оплаты или фото чека — "
         "оператор найдёт платёж.",
         "Payments usually arrive within minutes, through kiosks within 24 hours. If it has "
         "been longer, send the date, amount and how you paid, or a photo of the receipt, and "
         "an operator will trace it."),
        ["деньги не пришли на счет", "оплатил а баланс не пополнился", "платеж не зачислен",
         "пополнил а денег нет", "где мои деньги я платил вчера", "не поступила оплата",
         "заплатил через терминал деньги не дошли", "платеж завис", "оплата прошла но баланс "
         "ноль", "деньги списались с карты но на телефон не пришли", "не вижу свой платеж",
         "положила 500 рублей а их нет"],
        ["my payment didn't arrive", "i paid but my balance didn't change",
         "top up not received", "money was taken from my card but not credited",
         "payment is missing", "i topped up yesterday and nothing", "where is my payment",
         "paid at a kiosk and it never arrived", "balance not updated after payment",
         "payment stuck", "my top-up disappeared", "the payment went through but balance is 0"],
    ),
    General(
        "balance.negative", ["billing"], False, ("Минус на балансе", "Negative balance"),
        ("Минус появляется, когда плата по тарифу списалась при недостатке средств. Пополните "
         f"счёт на сумму долга и абонентской платы — связь восстановится за минуты. Если не "
         f"можете пополнить сейчас, подключите «Обещанный платёж» (*106#). Откуда списания — "
         f"видно в детализации в {APP_RU}.",
         "A negative balance appears when the plan fee was charged without enough credit. Top "
         "up by the debt plus the fee and service comes back within minutes. If you can't pay "
         f"now, use Promised payment (*106#). The charges are itemised in {APP_EN}."),
        ["почему у меня минус на балансе", "баланс отрицательный", "откуда долг на номере",
         "ушел в минус", "минус 300 на счету почему", "долг по телефону", "у меня задолженность",
         "почему баланс в минусе", "отключили за долг", "минусовой баланс что делать",
         "как так минус если я платил", "задолжность на номере"],
        ["why is my balance negative", "negative balance", "i have a debt on my number",
         "my account is in minus", "why do i owe money", "balance below zero",
         "phone cut off for debt", "i'm in the red on my account", "what is this debt",
         "how did i go negative", "arrears on my account", "minus balance what to do"],
    ),
    General(
        "sim.replace", ["general"], False, ("Замена SIM-карты", "SIM replacement"),
        ("Заменить SIM-карту можно в любом салоне «Волны» с паспортом владельца номера — это "
         "бесплатно и занимает 5 минут, номер и баланс сохранятся. Можно перейти на eSIM прямо "
         f"в {APP_RU}.",
         "Any Volna store replaces a SIM for free in about 5 minutes: bring the number "
         "owner's passport; your number and balance stay. You can also switch to eSIM in "
         f"{APP_EN}."),
        ["как заменить симку", "замена сим карты", "сломалась сим карта", "нужна новая симка",
         "симка не читается что делать", "поменять сим на новую", "перевыпустить сим",
         "сим карта треснула", "нужна симка под новый телефон нано", "заменить симку на esim",
         "восстановить сим карту", "сим карту потерял нужна новая", "замена симкарты"],
        ["how do i replace my sim", "sim replacement", "my sim card is broken",
         "i need a new sim", "sim not detected what to do", "get a new sim card",
         "reissue my sim", "my sim is cracked", "need a nano sim for my new phone",
         "swap sim for esim", "lost my sim need a new one", "replace sim card", "new simcard"],
    ),
    General(
        "sim.puk", ["tech_support"], False, ("PIN и PUK", "PIN and PUK"),
        ("PUK-код напечатан на пластиковой карте, из которой выламывали SIM. Если её нет, "
         f"PUK есть в {APP_RU} (Профиль → SIM-карта) или в салоне с паспортом. Введите PUK, "
         "затем новый PIN. После 10 неверных PUK SIM блокируется навсегда — понадобится замена.",
         "The PUK is printed on the plastic card your SIM came in. If you don't have it, find "
         f"it in {APP_EN} (Profile → SIM) or ask in a store with your passport. Enter the PUK, "
         "then a new PIN. Ten wrong PUKs lock the SIM for good and it must be replaced."),
        ["сим заблокирована просит пук", "где взять пук код", "забыл пин код", "ввел три раза "
         "неправильный пин", "как узнать puk", "телефон просит pin", "пин код сим карты",
         "симка заблокирована пин", "пак код где найти", "как разблокировать симку",
         "требует PUK что делать", "не помню пин от симки"],
        ["my sim asks for a puk", "where do i find the puk code", "forgot my pin",
         "entered the wrong pin three times", "how to get my puk", "phone wants a sim pin",
         "sim locked pin", "unlock my sim card", "puk required what now", "what's my sim pin",
         "sim blocked after wrong pin", "lost the puk"],
    ),
    General(
        "number.porting", [("sales", 2)], True, ("Перенос номера", "Number porting"),
        None,
        ["хочу перейти к вам со своим номером", "перенос номера от другого оператора",
         "как перенести номер в волну", "перейти с сохранением номера", "перенос номера мнп",
         "хочу уйти от вас с номером к другому", "сколько стоит перенос номера",
         "перенести номер к другому оператору", "как сменить оператора оставив номер",
         "статус переноса номера", "заявка на перенос номера", "переход в волну со своим номером"],
        ["port my number to volna", "switch to you and keep my number", "number porting",
         "transfer my number from another carrier", "keep my number when switching",
         "port out my number", "how much does porting cost", "mnp request",
         "porting status", "move my number to another operator", "number transfer",
         "i want to join with my current number"],
    ),
    General(
        "billing.dispute", [("billing", 3)], True, ("Оспорить списание", "Dispute a charge"),
        None,
        ["списали деньги непонятно за что", "оспорить списание", "верните деньги за подписку "
         "которую я не подключал", "неправильно выставили счет", "у меня списали лишнее",
         "почему сняли 300 рублей", "не согласен со счетом", "незаконные списания",
         "подписку не оформлял а деньги снимают", "хочу перерасчет", "двойное списание за тариф",
         "претензия по начислениям"],
        ["i was charged for something i didn't use", "dispute a charge", "wrong bill",
         "you took money i don't recognise", "unauthorised charges", "i want a refund for a "
         "subscription i never ordered", "double charge for my plan", "billing error",
         "overcharged this month", "why was i charged 300", "i disagree with my bill",
         "recalculate my bill please"],
    ),
    General(
        "contract.termination", [("retention", 2)], True, ("Расторжение договора",
                                                            "Ending the contract"),
        None,
        ["хочу расторгнуть договор", "как отказаться от номера", "закрыть номер навсегда",
         "расторжение договора", "хочу уйти от волны", "отключите меня совсем",
         "как заблокировать номер насовсем и расторгнуть", "больше не нужен номер",
         "отказываюсь от услуг связи", "прекратить обслуживание", "закрыть лицевой счет",
         "растаржение договора"],
        ["i want to cancel my contract", "terminate my contract", "close my number for good",
         "cancel my service", "i'm leaving volna", "how do i end my contract",
         "deactivate my number permanently", "i don't need this number anymore",
         "stop my service", "close my account", "cancel subscription to volna",
         "end my mobile contract"],
    ),
    General(
        "owner.change", ["general"], True, ("Переоформление номера", "Change of owner"),
        None,
        ["переоформить номер на другого человека", "сменить владельца номера",
         "переоформление сим карты на себя", "номер оформлен на маму хочу на себя",
         "как переписать номер на мужа", "передать номер другому", "переоформить договор",
         "номер умершего родственника", "смена владельца договора", "переоформить на дочь",
         "номер записан на бывшего", "переоформление симки"],
        ["transfer my number to someone else", "change the owner of a number",
         "put the number in my name", "the number is in my mother's name",
         "transfer ownership of a sim", "give my number to my son", "change contract holder",
         "number of a deceased relative", "move the contract to my name",
         "re-register the sim to me", "the sim is registered to my ex", "ownership transfer"],
    ),
    General(
        "refund.request", [("billing", 2)], True, ("Возврат денег", "Refund"),
        None,
        ["верните деньги с баланса", "как вернуть деньги с номера", "возврат средств",
         "ошибочно пополнил чужой номер", "перевел деньги не на тот номер", "хочу вернуть остаток",
         "вернуть деньги на карту", "возврат аванса", "ошибся номером при оплате",
         "заплатил дважды верните", "как получить деньги обратно", "вернуть средства при "
         "расторжении"],
        ["refund my balance", "how can i get my money back", "refund please",
         "i topped up the wrong number", "paid twice please refund", "return my remaining credit",
         "refund to my card", "i sent money to the wrong number", "get a refund",
         "money back", "refund after cancelling", "reverse my payment"],
    ),
    General(
        "complaint", [("retention", 2)], False, ("Жалоба", "Complaint"),
        ("Нам жаль, что так вышло. Опишите, пожалуйста, что случилось: дату, номер и суть "
         "проблемы. Жалоба регистрируется сразу, ответ придёт в течение 3 рабочих дней; если "
         "хотите обсудить с человеком, напишите «оператор».",
         "We're sorry about that. Please describe what happened: the date, the number and the "
         "problem. Your complaint is logged at once and answered within 3 working days; write "
         "“operator” to talk to a person."),
        ["хочу пожаловаться", "жалоба на обслуживание", "ужасная связь оставлю жалобу",
         "нахамили в салоне", "куда написать претензию", "я недоволен работой оператора",
         "как подать жалобу", "безобразие третий день без связи", "жалоба на сотрудника",
         "оставить отзыв о плохом обслуживании", "буду жаловаться", "претензия к волне"],
        ["i want to complain", "file a complaint", "terrible service i'm complaining",
         "staff were rude in the store", "where do i send a complaint", "i'm unhappy with "
         "your service", "how to make a complaint", "third day without signal unacceptable",
         "complaint about an employee", "leave feedback about bad service",
         "formal complaint", "this is a complaint"],
    ),
    General(
        "coverage.general", ["tech_support"], False, ("Зона покрытия", "Coverage"),
        ("Карта покрытия 2G/3G/4G/5G есть на сайте «Волны» в разделе «Покрытие» и в "
         f"{APP_RU}. Назовите город — подскажу, что там с сетью.",
         f"The 2G/3G/4G/5G coverage map is on the Volna website under Coverage and in "
         f"{APP_EN}. Tell me your city and I'll tell you about the network there."),
        ["карта покрытия", "где ловит волна", "зона покрытия сети", "есть ли связь на трассе",
         "ловит ли у вас на даче", "покрытие 4g", "где посмотреть покрытие",
         "будет ли связь за городом", "плохо ловит в деревне", "где есть сеть волны",
         "покрытие по россии", "карта вышек"],
        ["coverage map", "where does volna have signal", "network coverage",
         "is there signal on the highway", "will it work at my country house", "4g coverage",
         "where can i see coverage", "signal outside the city", "poor reception in the village",
         "where is your network", "coverage across russia", "cell tower map"],
    ),
    General(
        "network.5g", ["tech_support"], False, ("5G", "5G"),
        ("5G «Волны» работает в 11 крупнейших городах в центре и основных районах, на всех "
         "тарифах без доплаты. Нужен телефон с 5G (диапазон n78) и включённый режим 5G в "
         "настройках сети.",
         "Volna 5G works in the centres and main districts of the 11 largest cities, on every "
         "plan at no extra cost. You need a 5G phone (band n78) with 5G turned on in network "
         "settings."),
        ["есть ли у вас 5g", "где работает 5г", "как включить 5g", "5g в волне",
         "почему нет 5g на телефоне", "поддерживает ли мой тариф 5g", "5 джи где ловит",
         "когда будет 5g", "нужна ли доплата за 5g", "телефон с 5g не видит сеть 5g",
         "скорость 5g", "пятое поколение связи"],
        ["do you have 5g", "where does 5g work", "how to turn on 5g", "volna 5g",
         "why no 5g on my phone", "is 5g included in my plan", "5g coverage",
         "when will 5g come", "does 5g cost extra", "my 5g phone doesn't see 5g",
         "5g speed", "fifth generation network"],
    ),
    General(
        "roaming.general", ["roaming"], False, ("Роуминг", "Roaming"),
        ("Роуминг у «Волны» включён на всех номерах: телефон сам подключится к партнёрской "
         "сети. Цены зависят от страны — назовите её, подскажу тарифы. Выгоднее всего — опция "
         "«Путешествуй без забот» (*888*1#).",
         "Roaming is on for every Volna number: your phone joins a partner network by itself. "
         "Prices depend on the country, so tell me where you're going. The best deal is the "
         "Carefree Travel option (*888*1#)."),
        ["роуминг", "как работает роуминг", "сколько стоит роуминг", "еду за границу что с "
         "связью", "условия роуминга", "международный роуминг", "связь за границей",
         "будет ли работать телефон за границей", "роуминг цены", "лечу в отпуск за рубеж",
         "тарифы в роуминге", "роуменг"],
        ["roaming", "how does roaming work", "how much is roaming", "going abroad what about "
         "my phone", "roaming terms", "international roaming", "using my phone abroad",
         "will my phone work overseas", "roaming prices", "flying abroad on holiday",
         "roaming rates", "romaing"],
    ),
    General(
        "roaming.enable", ["roaming"], False, ("Включить роуминг", "Turn on roaming"),
        ("Отдельно подключать роуминг не нужно. Перед поездкой проверьте, что на телефоне "
         "включена «Передача данных в роуминге», а баланс не меньше 300 ₽. Если сеть не "
         "появилась, перезагрузите телефон или выберите сеть VOLNA вручную.",
         "There's nothing to order: roaming is on. Before you go, turn on Data roaming on your "
         "phone and keep at least 300 ₽ on your balance. If no network shows up, restart the "
         "phone or pick a VOLNA network manually."),
        ["как включить роуминг", "подключить роуминг", "нужно ли подключать роуминг",
         "активировать роуминг перед поездкой", "роуминг не включается", "как включить "
         "интернет в роуминге", "передача данных в роуминге",
         "надо ли звонить чтобы включили роуминг",
         "телефон не ловит за границей", "включите мне роуминг", "как активировать "
         "международную связь", "вкл роуминг"],
        ["how do i turn on roaming", "activate roaming", "do i need to enable roaming",
         "enable roaming before my trip", "roaming won't turn on", "how to use data abroad",
         "data roaming setting", "no network abroad", "phone has no signal abroad",
         "switch on roaming for me", "activate international service", "roaming on"],
    ),
    General(
        "roaming.russia", ["roaming"], False, ("Поездки по России", "Travel in Russia"),
        ("По России роуминга нет: звонки, SMS и интернет расходуются из пакета тарифа так же, "
         "как дома. Входящие бесплатно. В Крыму и Севастополе «Волна» работает через партнёра "
         "по тем же ценам.",
         "There's no roaming inside Russia: calls, texts and data come out of your bundle as "
         "at home, and incoming calls are free. In Crimea and Sevastopol Volna works through a "
         "partner at the same prices."),
        ["есть ли роуминг по россии", "еду в другой город сколько стоит связь",
         "поездка по россии роуминг", "внутрисетевой роуминг", "в командировке в другом "
         "регионе", "звонки в другом регионе", "будет ли платно в крыму", "межгород",
         "связь в поездке по стране", "тариф в другом городе действует", "в отпуск на юг россии "
         "связь", "роуминг внутри страны"],
        ["is there roaming in russia", "travelling to another city in russia",
         "domestic roaming", "business trip to another region", "calls from another region",
         "does my plan work in other cities", "will crimea cost extra", "national roaming",
         "using my phone across russia", "holiday in southern russia phone costs",
         "roaming inside the country", "intercity calls"],
    ),
    General(
        "internet.slow", ["tech_support"], False, ("Медленный интернет", "Slow internet"),
        ("Проверьте остаток пакета (*100*3#): после него скорость снижается. Если пакет есть — "
         "перезагрузите телефон, включите режим 4G/5G и проверьте настройки APN "
         "(internet.volna). Не помогло — напишите адрес, где медленно, и время: передадим "
         "инженерам.",
         "Check what's left of your bundle (*100*3#): speed drops after it. If you still have "
         "data, restart the phone, turn on 4G/5G and check the APN (internet.volna). Still "
         "slow? Send the address and time and we'll pass it to the engineers."),
        ["медленный интернет", "интернет тормозит", "очень низкая скорость", "почему так "
         "медленно грузит", "скорость упала", "интернет еле работает", "видео не грузится",
         "плохой интернет", "скорость как у модема 2000х", "тупит мобильный интернет",
         "низкая скорость 4g", "интернет тормазит"],
        ["slow internet", "my data is slow", "very low speed", "pages load so slowly",
         "speed dropped", "internet barely works", "videos won't load", "bad internet",
         "4g is slow", "mobile data is crawling", "why is my connection so slow",
         "internet lagging"],
    ),
    General(
        "internet.not_working", ["tech_support"], False, ("Не работает интернет",
                                                          "No mobile data"),
        ("Проверьте, что баланс положительный и включена «Мобильная передача данных». "
         "Перезагрузите телефон. Если не помогло, настройте APN: internet.volna (логин и пароль "
         "пустые). Назовите модель телефона — пришлю пошаговые настройки.",
         "Check that your balance is positive and Mobile data is on, then restart the phone. "
         "If that doesn't help, set the APN to internet.volna (no username or password). Tell "
         "me your phone type and I'll send step-by-step settings."),
        ["не работает интернет", "пропал интернет", "нет интернета на телефоне",
         "мобильный интернет не подключается", "интернет не включается", "не могу выйти в "
         "интернет", "значок 4g есть а интернета нет", "данные не работают",
         "после замены симки нет интернета", "интернета нет со вчера", "почему не работает "
         "инет", "не грузит ничего"],
        ["internet not working", "no mobile data", "my data stopped working", "can't connect "
         "to the internet", "data won't turn on", "4g icon but no internet",
         "no internet since yesterday", "mobile internet is down", "no data after new sim",
         "internet doesn't work on my phone", "can't get online", "nothing loads"],
    ),
    General(
        "calls.not_working", ["tech_support"], False, ("Не проходят звонки",
                                                       "Calls not working"),
        ("Проверьте баланс (*100#) и включите и выключите режим полёта. Если исходящие не "
         "проходят на один номер — проверьте чёрный список. Если нет сети совсем, попробуйте "
         "SIM в другом телефоне: не заработает — замените SIM в салоне бесплатно.",
         "Check your balance (*100#) and toggle airplane mode. If calls fail to one number, "
         "check your blacklist. If there's no network at all, try the SIM in another phone; "
         "if it still fails, any store replaces it for free."),
        ["не могу позвонить", "не проходят звонки", "звонки сбрасываются", "мне не могут "
         "дозвониться", "нет сети", "пишет только экстренные вызовы", "не слышно собеседника",
         "связь обрывается", "исходящие не работают", "входящие не проходят",
         "абонент не доступен хотя телефон включен", "звонки не идут"],
        ["i can't make calls", "calls don't go through", "calls keep dropping",
         "people can't reach me", "no service", "emergency calls only",
         "can't hear the other person", "calls cut off", "outgoing calls fail",
         "incoming calls not coming through", "says unreachable but my phone is on",
         "call failed"],
    ),
    General(
        "sms.not_working", ["tech_support"], False, ("Не приходят SMS", "Texts not working"),
        ("Проверьте номер SMS-центра: +7 900 000 05 05 (Настройки сообщений → SMS-центр) и "
         "свободную память телефона. Коды от банков не приходят, если включён «Антиспам» в "
         "строгом режиме — переключите его на обычный (*222#).",
         "Check the SMS centre number: +7 900 000 05 05 (Message settings → SMS centre) and "
         "free space on the phone. Bank codes may be held by Anti-spam in strict mode; switch it "
         "to normal (*222#)."),
        ["не приходят смс", "не могу отправить sms", "не приходят коды из банка",
         "смс не отправляются", "сообщения не доходят", "не получаю смски", "смс центр номер",
         "не приходит код подтверждения", "смс зависают", "ошибка отправки сообщения",
         "не приходят смс с госуслуг", "эсэмэски не приходят"],
        ["i'm not getting texts", "can't send sms", "bank codes don't arrive",
         "texts fail to send", "messages not delivered", "not receiving sms",
         "sms centre number", "verification code not coming", "sms stuck sending",
         "message send error", "no otp sms", "texts not working"],
    ),
    General(
        "phone.lost", ["security"], False, ("Потерян телефон", "Lost phone"),
        ("Срочно заблокируйте номер: наберите *100*9# с другого номера «Волны», в "
         f"{APP_RU} на другом устройстве или позвоните 0500. Блокировка бесплатна 30 дней. "
         "Новую SIM с тем же номером выдадут в салоне по паспорту.",
         "Block the number now: dial *100*9# from another Volna number, use "
         f"{APP_EN} on another device or call 0500. Blocking is free for 30 days. Any store "
         "issues a new SIM with the same number on your passport."),
        ["потерял телефон", "украли телефон", "заблокировать номер срочно",
         "потеряла симку что делать", "телефон украли заблокируйте сим", "блокировка при "
         "утере", "потерял мобильник", "вытащили телефон в метро", "как заблокировать "
         "потерянную сим", "пропал телефон", "телефон украден", "утерян телефон"],
        ["i lost my phone", "my phone was stolen", "block my number now", "lost my sim",
         "phone stolen please block the sim", "block after loss", "lost my mobile",
         "someone took my phone on the metro", "how to block a lost sim", "phone missing",
         "stolen phone", "block sim"],
    ),
    General(
        "fraud.report", [("security", 2)], False, ("Мошенники", "Scam calls"),
        ("Никогда не называйте коды из SMS: сотрудники «Волны» их не спрашивают. Положите "
         "трубку и перешлите номер звонившего сюда. Включите «Защиту от мошенников» (*223#) — "
         "бесплатно. Если вы уже назвали код, немедленно позвоните 0500.",
         "Never read out codes from texts: Volna staff never ask for them. Hang up and send us "
         "the caller's number. Turn on free Fraud protection (*223#). If you already gave a "
         "code, call 0500 at once."),
        ["звонят мошенники", "мне звонили мошенники от имени волны", "просят код из смс",
         "подозрительный звонок", "сообщить о мошенничестве", "позвонили из службы "
         "безопасности просят код", "продиктовал код мошенникам", "развод по телефону",
         "мошенники взломали госуслуги через номер", "звонок с подменного номера",
         "как защититься от мошенников", "мошейники звонят"],
        ["scammers are calling me", "someone called pretending to be volna",
         "they asked for my sms code", "suspicious call", "report fraud",
         "fake security service call", "i gave a code to a scammer", "phone scam",
         "caller spoofing a number", "how to protect myself from fraud",
         "scam call report", "fraudster called"],
    ),
    General(
        "tariff.list", ["sales"], False, ("Тарифы", "Plans"),
        ("Популярные тарифы: «Волна Старт» (250 ₽), «Мой онлайн» (450 ₽), «Волна Смарт» "
         "(550 ₽), «Безлимит Волна» (990 ₽), «Волна Макси» (1490 ₽); есть «Семейный», "
         "«Детский», «Заботливый», «Молодёжный», тарифы для планшета, модема и бизнеса. "
         "Назовите тариф — расскажу подробнее.",
         "Popular plans: Volna Start (250 ₽), My Online (450 ₽), Volna Smart (550 ₽), Volna "
         "Unlimited (990 ₽), Volna Maxi (1490 ₽); there are Family, Kids, Caring, Youth, "
         "tablet, modem and business plans too. Name one for details."),
        ["какие есть тарифы", "список тарифов", "подберите тариф", "самый дешевый тариф",
         "какой тариф лучше", "посоветуйте тариф с интернетом", "линейка тарифов",
         "какие тарифы у волны", "нужен тариф подешевле", "тариф с безлимитом какие есть",
         "актуальные тарифы", "тарифы 2024"],
        ["what plans do you have", "list of plans", "help me choose a plan",
         "cheapest plan", "which plan is best", "recommend a plan with data",
         "all tariffs", "volna plans", "i need a cheaper plan", "plans with unlimited data",
         "current plans", "tariff options"],
    ),
    General(
        "tariff.current", ["general"], False, ("Мой тариф", "My plan"),
        (f"Ваш тариф и остатки пакетов видны в {APP_RU} на главном экране; ещё можно набрать "
         "*111*0# — придёт SMS с названием тарифа.",
         f"Your plan and what's left of it are on the home screen of {APP_EN}; or dial "
         "*111*0# and a text will tell you the plan's name."),
        ["какой у меня тариф", "на каком я тарифе", "узнать свой тариф", "как называется мой "
         "тариф", "что у меня подключено", "мой тарифный план", "проверить тариф",
         "какой тариф на номере", "подскажите мой тариф", "какой тарив у меня",
         "не помню свой тариф", "название моего тарифа"],
        ["what plan am i on", "which tariff do i have", "check my plan", "my current plan",
         "what's my tariff called", "what do i have on my number", "find my plan",
         "current tariff", "tell me my plan", "which plan is on my sim",
         "don't remember my plan", "my plan name"],
    ),
    General(
        "data.remaining", ["general"], False, ("Остатки пакета", "Bundle left"),
        (f"Остатки минут, SMS и гигабайт: *100*3# или главный экран {APP_RU}. Пакет "
         "обновляется в день списания абонентской платы.",
         f"Minutes, texts and data left: dial *100*3# or open the home screen of {APP_EN}. "
         "Your bundle renews on the day the plan fee is charged."),
        ["сколько осталось гигабайт", "остаток интернета", "сколько минут осталось",
         "остатки пакета", "как узнать остаток трафика", "сколько гб осталось",
         "когда обновятся гигабайты", "проверить остаток минут", "сколько смс осталось",
         "закончился интернет когда обновится", "остаток по тарифу", "сколко гигов осталось"],
        ["how much data do i have left", "remaining data", "minutes left",
         "what's left in my bundle", "check my data allowance", "how many gb left",
         "when does my data renew", "check remaining minutes", "texts left",
         "data ran out when does it reset", "bundle balance", "gigs left"],
    ),
    General(
        "app.account", ["general"], False, ("Приложение и кабинет", "App and account"),
        ("Приложение «Мой Волна» есть в магазинах приложений для Android, iPhone и HarmonyOS. "
         "Вход — по номеру телефона и коду из SMS; пароль не нужен. Если код не приходит, "
         "проверьте, что номер введён в формате +7.",
         "The My Volna app is in the app stores for Android, iPhone and HarmonyOS. Sign in with "
         "your phone number and a code from a text; no password needed. If the code doesn't "
         "arrive, check the number is entered as +7…"),
        ["как войти в личный кабинет", "не могу зайти в приложение", "скачать приложение "
         "волна", "личный кабинет", "приложение мой волна", "не приходит код для входа в "
         "приложение", "забыл пароль от кабинета", "как зарегистрироваться в приложении",
         "приложение не открывается", "где скачать кабинет", "вход в лк", "прилажение волна"],
        ["how do i log in to my account", "can't sign in to the app", "download the volna "
         "app", "my account", "my volna app", "login code not arriving", "forgot my account "
         "password", "register in the app", "app won't open", "where to get the app",
         "sign in online", "volna app login"],
    ),
    General(
        "number.change", ["general"], False, ("Смена номера", "Change number"),
        ("Сменить номер можно в салоне или в приложении (Профиль → Сменить номер): обычный "
         "номер — бесплатно, красивый — по его цене. Тариф и баланс сохранятся, старый номер "
         "освободится через 90 дней.",
         "Change your number in a store or in the app (Profile → Change number): a regular "
         "number is free, a golden one costs its price. Plan and balance stay; the old number "
         "is released after 90 days."),
        ["хочу сменить номер", "поменять номер телефона", "новый номер вместо старого",
         "как сменить номер оставив тариф", "замена номера", "достали звонки хочу другой "
         "номер", "можно ли поменять номер", "сменить номер бесплатно", "другой номер на ту же "
         "симку", "смена абонентского номера", "поменяйте мне номер", "хочю новый номер"],
        ["i want to change my number", "change my phone number", "new number instead of my "
         "old one", "change number keep my plan", "number change", "tired of calls i want a "
         "new number", "can i change my number", "change number for free",
         "different number on the same sim", "swap my number", "give me a new number",
         "replace my number"],
    ),
    General(
        "new.connection", ["sales"], False, ("Стать абонентом", "Join Volna"),
        ("Стать абонентом можно в салоне с паспортом или онлайн: закажите SIM с доставкой "
         "на сайте или оформите eSIM в приложении за 5 минут с подтверждением через "
         "Госуслуги. Первый месяц на тарифах «Мой онлайн» и «Волна Смарт» — за полцены.",
         "Join in a store with your passport or online: order a SIM with delivery on the "
         "website, or get an eSIM in the app in 5 minutes with identity confirmed through "
         "Gosuslugi. The first month of My Online and Volna Smart is half price."),
        ["как стать вашим абонентом", "купить сим карту волна", "хочу подключиться к волне",
         "новая симка как оформить", "где купить симку", "оформить новый номер",
         "подключить новый номер онлайн", "заказать сим карту", "хочу к вам",
         "нужна еще одна симка", "стать клиентом волны", "купит симку"],
        ["how do i join volna", "buy a volna sim", "i want to sign up", "get a new sim",
         "where can i buy a sim card", "new number please", "get a number online",
         "order a sim card", "become a customer", "i need another sim",
         "sign up for volna", "new line"],
    ),
    General(
        "corporate.request", [("sales", 3)], True, ("Для бизнеса", "Business"),
        None,
        ["подключить компанию", "корпоративная связь", "тариф для организации",
         "нужно 50 сим карт для сотрудников", "договор для юрлица", "связь для ип",
         "корпоративный клиент", "бизнес тариф для офиса", "коммерческое предложение для "
         "компании", "корпоративные номера", "перевести сотрудников на волну",
         "счет для юридического лица"],
        ["connect my company", "corporate plans", "plan for an organisation",
         "50 sims for employees", "contract for a legal entity", "business account",
         "corporate customer", "business plans for my office", "quote for my company",
         "corporate numbers", "move my staff to volna", "invoice for a company"],
    ),
    General(
        "operator.contacts", ["general"], False, ("Контакты", "Contacts"),
        ("Справочная «Волны»: 0500 с мобильного бесплатно, +7 800 000-05-00 из любой сети и "
         "+7 900 000-05-00 из-за границы. Пишите и сюда — ответим круглосуточно.",
         "Volna help line: 0500 from a Volna mobile (free), +7 800 000-05-00 from any network "
         "and +7 900 000-05-00 from abroad. You can also write here any time, day or night."),
        ["номер горячей линии", "как позвонить в поддержку", "телефон справочной волны",
         "как связаться с волной", "номер колл центра", "куда звонить если проблема",
         "телефон поддержки из за границы", "контакты волны", "бесплатный номер поддержки",
         "как дозвониться до оператора по телефону", "номер 8800 волна", "телефон техподдержки"],
        ["helpline number", "how do i call support", "volna support phone",
         "how to contact volna", "call centre number", "who do i call with a problem",
         "support number from abroad", "volna contacts", "free support number",
         "customer service phone", "toll free number", "tech support phone"],
    ),
    General(
        "subscriptions.paid", ["billing"], False, ("Платные подписки", "Paid subscriptions"),
        (f"Все платные подписки видны в {APP_RU} в разделе «Услуги → Подписки»; отключить "
         "можно там же или командой *152#. Чтобы новые не подключались, включите бесплатный "
         "«Запрет контента» (*984#).",
         f"All paid subscriptions are in {APP_EN} under Services → Subscriptions; cancel them "
         "there or with *152#. Turn on free Content block (*984#) so no new ones start."),
        ["какие у меня подписки", "отключить платные подписки", "списывают за подписку",
         "как убрать платные услуги", "что за подписка списывается каждый день",
         "проверить подписки", "отписаться от рассылок платных", "снимают деньги за контент",
         "отключить все подписки", "как посмотреть платные услуги", "подписки на коротких "
         "номерах", "подпиcка списание"],
        ["what subscriptions do i have", "cancel paid subscriptions", "charged for a "
         "subscription", "remove paid services", "what is this daily charge",
         "check my subscriptions", "unsubscribe from paid content", "charged for content",
         "turn off all subscriptions", "see paid services", "premium sms subscriptions",
         "stop subscription charges"],
    ),
    General(
        "spam.sms", ["security"], False, ("Спам", "Spam"),
        ("Перешлите спам-SMS на номер 7726 — бесплатно, отправитель попадёт в проверку. Для "
         "звонков и SMS включите «Антиспам» (*222#), конкретный номер добавьте в «Чёрный "
         "список» (*442#).",
         "Forward spam texts to 7726 (free) and the sender will be checked. Turn on Anti-spam "
         "(*222#) for calls and texts, and put a particular number in your Blacklist (*442#)."),
        ["приходит спам", "достали рекламные смс", "спам звонки", "как отписаться от "
         "рекламы", "пожаловаться на спам", "звонят с рекламой кредитов", "рекламные рассылки",
         "постоянно звонят роботы", "спам смс каждый день", "как заблокировать рекламу",
         "навязчивые звонки", "спамеры"],
        ["i get spam", "too many advertising texts", "spam calls", "how to stop ads",
         "report spam", "loan ads calling me", "marketing messages", "robocalls all day",
         "spam sms every day", "block advertising", "annoying calls", "spammers"],
    ),
    General(
        "greeting", ["general"], False, ("Приветствие", "Greeting"),
        ("Здравствуйте! Я виртуальный помощник «Волны». Спросите про баланс, тарифы, роуминг, "
         "офисы или настройки — или напишите «оператор», чтобы позвать человека.",
         "Hello! I'm Volna's virtual assistant. Ask about your balance, plans, roaming, stores "
         "or settings, or write “operator” to reach a person."),
        ["привет", "здравствуйте", "добрый день", "доброе утро", "добрый вечер", "алло",
         "приветствую", "здрасте", "хай", "есть кто", "здравствуйте волна", "прив"],
        ["hi", "hello", "good morning", "good afternoon", "good evening", "hey there",
         "hello volna", "hiya", "greetings", "anyone there", "yo", "hey"],
    ),
    General(
        "thanks", ["general"], False, ("Спасибо", "Thanks"),
        ("Пожалуйста! Если будут ещё вопросы — пишите.",
         "You're welcome! Write any time you have another question."),
        ["спасибо", "спасибо большое", "благодарю", "спс", "огромное спасибо", "спасибо "
         "помогли", "спасибо за ответ", "пасиб", "от души", "благодарю за помощь", "сенкс",
         "спасибо все понятно"],
        ["thanks", "thank you", "thank you so much", "thx", "cheers", "thanks for your help",
         "much appreciated", "ty", "thanks that helped", "great thanks", "many thanks",
         "thank u"],
    ),
    General(
        "goodbye", ["general"], False, ("До свидания", "Goodbye"),
        ("Всего доброго! Будем рады помочь снова.", "Goodbye! Happy to help again any time."),
        ["пока", "до свидания", "всего доброго", "до встречи", "всё, больше вопросов нет",
         "хорошего дня", "на этом всё", "досвидания", "бывайте", "до связи", "всего хорошего",
         "пока пока"],
        ["bye", "goodbye", "see you", "that's all", "no more questions", "have a nice day",
         "bye bye", "take care", "see ya", "that's everything thanks bye", "later", "cya"],
    ),
]


# More ways customers put the same questions: what makes near intents (balance vs debt,
# porting vs changing number) separable for the matcher.
MORE: dict[str, tuple[list[str], list[str]]] = {
    "balance.check": (
        ["сколько у меня на счету", "покажите баланс", "какая сумма на балансе",
         "хватит ли денег на счете", "хочу узнать свой баланс", "остаток средств на счете",
         "баланс лицевого счета", "сколько рублей на телефоне"],
        ["how much is on my account", "show me my balance", "what's my account balance",
         "do i have enough credit", "i want to know my balance", "remaining funds",
         "account balance please", "how many roubles on my phone"],
    ),
    "payment.methods": (
        ["можно ли оплатить наличными", "оплатить связь с карты другого банка",
         "как пополнить через приложение банка", "пополнить счет без комиссии",
         "можно платить через терминал", "как оплатить с карты мир", "оплата по qr коду",
         "чем можно оплатить связь"],
        ["can i pay in cash", "pay with a card from another bank", "top up from my bank app",
         "top up without commission", "can i pay at a terminal", "pay with a mir card",
         "pay with a qr code", "what can i pay with"],
    ),
    "payment.not_received": (
        ["платеж не дошел", "оплатил час назад баланс не изменился", "деньги ушли а баланс "
         "прежний", "пополнение не отобразилось", "перевел через сбп не пришло",
         "чек есть а денег на счету нет", "платёж потерялся", "сумма не зачислилась"],
        ["payment hasn't reached my account", "paid an hour ago balance the same",
         "money left my bank but balance unchanged", "top-up not showing", "sent by fast "
         "transfer not received", "i have a receipt but no money on my account",
         "my payment got lost", "the amount wasn't credited"],
    ),
    "balance.negative": (
        ["почему баланс минус", "откуда минус на счёте", "я ушёл в минус как так",
         "долг на телефоне откуда", "в минусе по балансу", "у меня долг перед волной",
         "как погасить задолженность", "счет отрицательный связь отключили"],
        ["why am i in minus", "where did the negative balance come from", "how did i end up "
         "in debt", "debt on my phone why", "my balance shows minus", "i owe volna money",
         "how to pay off my debt", "negative account service cut"],
    ),
    "sim.replace": (
        ["симка сломалась", "телефон не видит сим карту нужна замена", "заменить старую симку",
         "нужна сим другого размера", "поменять сим карту в салоне", "сим карта размагнитилась",
         "замена сим бесплатно?", "выдайте новую симку с моим номером"],
        ["my sim stopped working need a replacement", "phone doesn't see the sim replace it",
         "replace my old sim", "need a different sim size", "change my sim in store",
         "sim card damaged", "is sim replacement free?", "new sim with my number please"],
    ),
    "sim.puk": (
        ["пин код заблокирован", "ввела неверный пин", "телефон пишет введите пук",
         "как снять пин с симки", "пук код потерял", "симка просит код",
         "заблокировалась сим после пина", "где посмотреть пин и пук"],
        ["pin locked", "typed the wrong pin", "phone says enter puk", "remove the sim pin",
         "lost my puk code", "sim asking for a code", "sim blocked after pin attempts",
         "where to see pin and puk"],
    ),
    "number.porting": (
        ["перенос номера в волну", "хочу сохранить номер при переходе", "мнп перенос",
         "перейти от другого оператора в волну", "перенесите мой номер",
         "переход к вам без смены номера", "уйти к другому оператору со своим номером",
         "перенос номера отклонили"],
        ["move my number to volna", "keep my number when i switch to you", "mnp transfer",
         "switch from my carrier to volna", "port my number please", "join you without "
         "changing my number", "leave for another carrier with my number",
         "my port request was rejected"],
    ),
    "billing.dispute": (
        ["вы списали лишние деньги", "снимают деньги непонятно", "ошибка в счете",
         "спишите обратно неправильное начисление", "не подключал а списали",
         "требую вернуть ошибочное списание", "абонплата списалась дважды",
         "оспорить начисление"],
        ["you charged me too much", "strange charges on my account", "mistake in my bill",
         "reverse a wrong charge", "charged for something i never ordered",
         "i demand the wrong charge back", "plan fee taken twice", "contest a charge"],
    ),
    "contract.termination": (
        ["хочу отказаться от номера навсегда", "расторгнуть договор с волной",
         "как закрыть договор", "больше не пользуюсь номером закройте",
         "отключить номер окончательно", "уйти от оператора насовсем", "закрыть номер умершего",
         "расторжение без переноса номера"],
        ["give up my number for good", "end my contract with volna", "how to close my "
         "contract", "i no longer use this number close it", "disconnect my number "
         "permanently", "leave volna for good", "close a deceased person's number",
         "cancel without porting"],
    ),
    "owner.change": (
        ["переоформить номер", "сменить владельца сим", "номер на отце хочу на себя",
         "переписать симку на сына", "передать номер родственнику", "переоформить на жену",
         "номер оформлен не на меня", "владелец номера другой человек"],
        ["re-register my number", "change the sim owner", "number is in my father's name",
         "put the sim in my son's name", "pass my number to a relative",
         "transfer the number to my wife", "the number isn't in my name",
         "someone else owns the number"],
    ),
    "refund.request": (
        ["хочу вернуть деньги", "верните остаток на карту", "положил не на тот номер",
         "возврат переплаты", "как вернуть ошибочный платеж", "вернуть деньги после "
         "закрытия номера", "заявление на возврат средств", "перевёл лишнее верните"],
        ["i want my money back", "refund the rest to my card", "paid the wrong number",
         "refund an overpayment", "how to get a mistaken payment back", "refund after closing "
         "my number", "refund application", "paid too much please return"],
    ),
    "complaint": (
        ["оставить жалобу", "пожаловаться на связь", "недоволен обслуживанием",
         "жалоба на качество", "хочу написать жалобу руководству", "плохо обслужили",
         "претензия", "это безобразие"],
        ["make a complaint", "complain about the network", "i'm dissatisfied with service",
         "complaint about quality", "i want to complain to management", "poor service",
         "grievance", "this is outrageous"],
    ),
    "coverage.general": (
        ["покрытие сети волна", "где есть связь", "карта зоны покрытия",
         "будет ли ловить на даче", "покрытие на трассе м4", "где посмотреть вышки",
         "ловит ли волна в лесу", "есть ли связь в деревне"],
        ["volna network coverage", "where do you have signal", "coverage area map",
         "signal at my dacha", "coverage on the m4 highway", "where are the towers",
         "does volna work in the forest", "is there signal in the countryside"],
    ),
    "network.5g": (
        ["включить 5g", "5g есть", "работает ли 5g у волны", "где ловит 5g",
         "5g на моём тарифе", "нужна ли новая симка для 5g", "5г сеть", "поддержка 5g"],
        ["turn on 5g", "is there 5g", "does volna have 5g", "where is 5g available",
         "5g on my plan", "do i need a new sim for 5g", "5g network", "5g support"],
    ),
    "roaming.general": (
        ["как работает связь за границей", "стоимость роуминга", "условия связи за рубежом",
         "поездка за границу связь", "роуминг во всех странах", "что с роумингом",
         "дорого ли в роуминге", "звонки за границей"],
        ["how does my phone work abroad", "roaming costs", "terms abroad",
         "trip abroad phone service", "roaming in all countries", "what about roaming",
         "is roaming expensive", "calls abroad"],
    ),
    "roaming.enable": (
        ["надо ли что-то подключать перед поездкой", "включить международный роуминг",
         "как активировать роуминг", "роуминг подключен?", "включить передачу данных за "
         "границей", "как включить связь за границей", "подготовить телефон к поездке",
         "разрешить роуминг"],
        ["do i need to set anything up before travel", "switch on international roaming",
         "how to activate roaming", "is roaming on?", "enable data abroad",
         "how to get service abroad", "prepare my phone for a trip", "allow roaming"],
    ),
    "roaming.russia": (
        ["роуминг по россии есть", "звонки из другого города", "в поездке по россии платно?",
         "связь в другом регионе", "еду в сочи будет роуминг", "домашний регион",
         "минуты в поездках по россии", "поездка в другой регион"],
        ["roaming within russia", "calls from another city", "is travel in russia charged",
         "service in another region", "going to sochi is that roaming", "home region",
         "minutes when travelling in russia", "trip to another region"],
    ),
    "internet.slow": (
        ["интернет медленный", "скорость интернета низкая", "почему тормозит интернет",
         "грузит очень долго", "плохая скорость 4g", "интернет медленно работает вечером",
         "упала скорость интернета", "тормозит мобильный интернет"],
        ["internet is slow", "low internet speed", "why is my internet lagging",
         "loading takes forever", "poor 4g speed", "slow internet in the evening",
         "internet speed dropped", "mobile data sluggish"],
    ),
    "internet.not_working": (
        ["нет интернета", "интернет пропал", "не работает мобильный интернет",
         "не могу зайти в интернет", "мобильные данные не работают", "интернет не подключается",
         "интернет отвалился", "нет подключения к интернету"],
        ["no internet", "internet disappeared", "mobile internet is not working",
         "can't access the internet", "mobile data not working", "internet won't connect",
         "lost internet connection", "no internet connection"],
    ),
    "calls.not_working": (
        ["не проходят вызовы", "не могу дозвониться никому", "звонки не проходят",
         "обрываются звонки", "нет связи", "не ловит сеть", "сеть пропала", "не звонит"],
        ["calls are not going through", "i can't reach anyone", "calls fail",
         "calls drop", "no signal", "no network", "the network is gone", "can't call"],
    ),
    "sms.not_working": (
        ["смс не приходят", "не отправляется смс", "не приходят смс коды",
         "не получаю сообщения", "смс не доходят", "не могу получить смс",
         "не приходит смс с кодом", "смс не уходят"],
        ["texts don't arrive", "sms won't send", "sms codes not arriving",
         "not getting messages", "texts not delivered", "can't receive sms",
         "code text not coming", "texts won't go"],
    ),
    "phone.lost": (
        ["телефон потерян", "украли мобильный", "заблокируйте симку",
         "потеряла телефон что делать", "у меня украли телефон", "блокировка номера при "
         "краже", "срочно заблокировать сим карту", "где-то оставил телефон"],
        ["phone lost", "mobile stolen", "block my sim", "lost my phone what now",
         "someone stole my phone", "block number after theft", "urgently block my sim",
         "left my phone somewhere"],
    ),
    "fraud.report": (
        ["звонили мошенники", "мошенник просил код", "меня пытались обмануть по телефону",
         "сообщить о мошенниках", "звонок от лжесотрудника банка", "подозрительные звонки",
         "развели на код из смс", "мошенники звонят от имени оператора"],
        ["scammers called me", "a fraudster asked for my code", "someone tried to scam me "
         "by phone", "report scammers", "fake bank employee called", "suspicious calls",
         "tricked into giving an sms code", "scammers pretending to be the operator"],
    ),
    "tariff.list": (
        ["какие тарифы есть", "подобрать тариф", "тарифы волны", "выбрать тариф",
         "какой тариф выбрать", "все тарифы", "новые тарифы", "самые выгодные тарифы"],
        ["which plans are there", "pick a plan", "volna tariffs", "choose a plan",
         "what plan should i choose", "all plans", "new plans", "best value plans"],
    ),
    "tariff.current": (
        ["какой тариф подключен", "какой у меня сейчас тариф", "на каком тарифе номер",
         "узнать тариф", "мой тариф какой", "тариф на моем номере", "какой тариф стоит",
         "проверить мой тариф"],
        ["which plan is active", "what plan am i on now", "which plan is my number on",
         "find out my plan", "my plan which one", "plan on my number", "what tariff is set",
         "check my tariff"],
    ),
    "data.remaining": (
        ["остаток гигабайт", "сколько интернета осталось", "остаток минут",
         "сколько осталось трафика", "сколько осталось по пакету", "проверить остаток пакета",
         "когда обновится пакет", "остатки по тарифу"],
        ["gigabytes left", "how much internet is left", "minutes remaining",
         "traffic left", "what's left in my package", "check remaining package",
         "when does my package renew", "plan remainders"],
    ),
    "app.account": (
        ["не заходит в личный кабинет", "приложение волна не работает", "войти в приложение",
         "личный кабинет волна", "регистрация в личном кабинете", "не могу авторизоваться",
         "код для входа не приходит", "скачать мой волна"],
        ["can't get into my account", "volna app not working", "sign into the app",
         "volna personal account", "register an account", "can't log in",
         "no sign-in code", "download my volna"],
    ),
    "number.change": (
        ["поменять номер", "сменить номер телефона", "хочу другой номер",
         "новый номер на свою симку", "как поменять номер", "сменить номер в приложении",
         "другой номер вместо этого", "смена номера бесплатно"],
        ["swap my number", "change phone number", "i want a different number",
         "a new number on my sim", "how to change my number", "change number in the app",
         "another number instead of this", "free number change"],
    ),
    "new.connection": (
        ["купить симку", "подключиться к волне", "как стать абонентом волны",
         "оформить сим карту", "хочу новый номер волны", "подключение нового абонента",
         "оформить есим онлайн новый номер", "стать абонентом"],
        ["buy a sim", "join volna", "how to become a volna customer", "get a sim card",
         "i want a new volna number", "connect a new customer", "get an esim with a new "
         "number online", "become a subscriber"],
    ),
    "corporate.request": (
        ["связь для компании", "корпоративный тариф", "подключить сотрудников",
         "договор для организации", "тарифы для бизнеса", "корпоративные сим карты",
         "нужен менеджер для юрлица", "связь для офиса"],
        ["service for a company", "corporate plan", "connect my employees",
         "contract for an organisation", "business tariffs", "corporate sim cards",
         "need a manager for a company", "phones for the office"],
    ),
    "operator.contacts": (
        ["номер поддержки", "как позвонить в волну", "телефон горячей линии",
         "номер справочной", "как дозвониться в волну", "телефон службы поддержки",
         "позвонить в поддержку с другого номера", "бесплатный номер волны"],
        ["support number", "how to call volna", "hotline phone number", "helpdesk number",
         "how do i get through to volna", "customer support phone",
         "call support from another number", "volna free number"],
    ),
    "subscriptions.paid": (
        ["платные подписки", "убрать подписки", "отключить подписку", "списывают за подписки",
         "что за платные услуги", "списание за контент", "проверить платные подписки",
         "отключите все платные подписки"],
        ["paid subscriptions", "remove subscriptions", "cancel a subscription",
         "charged for subscriptions", "what paid services do i have", "content charge",
         "check paid subscriptions", "turn off all paid subscriptions"],
    ),
    "spam.sms": (
        ["спам", "рекламные смс", "реклама по смс", "надоел спам", "спам звонки каждый день",
         "отписаться от смс рассылки", "пожаловаться на рекламу", "блокировать спам"],
        ["spam", "ad texts", "sms advertising", "sick of spam", "spam calls every day",
         "unsubscribe from sms ads", "report advertising", "block spam"],
    ),
    "greeting": (
        ["приветик", "добрый день волна", "здравствуйте подскажите", "доброго времени суток",
         "хелло", "здравствуй", "добрый", "салют"],
        ["hi there", "hello, can you help", "good day", "hello support",
         "howdy", "hey volna", "morning", "hello hello"],
    ),
    "thanks": (
        ["спасибо огромное", "благодарю вас", "спасибо вам", "большое спасибо за помощь",
         "спасибочки", "спасибо разобрался", "спасибо, помогло", "мерси"],
        ["thanks a lot", "thank you very much", "thanks so much", "big thanks for the help",
         "thanks mate", "thanks i figured it out", "thanks, that worked", "appreciate it"],
    ),
    "goodbye": (
        ["пока-пока", "до свиданья", "всего хорошего вам", "больше ничего не нужно",
         "на этом все спасибо пока", "прощайте", "увидимся", "всё, до свидания"],
        ["good bye", "bye now", "all the best", "nothing else needed", "that's all bye",
         "farewell", "see you later", "ok bye"],
    ),
}
# fmt: on
