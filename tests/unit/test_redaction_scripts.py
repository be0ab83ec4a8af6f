"""Names, numbers and aliases are found in every script of the corridors caseapp documents.

Each row: the person as recorded, a sentence as a source or a caseworker writes it, and what must not be
left in the redacted sentence. Scripts without spaces between words (Thai, Khmer, Lao, Burmese, CJK),
one-letter words joined before a name (Arabic, Hebrew), compatibility forms (fullwidth letters), other
digits (Arabic-Indic, Devanagari, fullwidth) and the Turkish dotted and dotless I.
"""
from __future__ import annotations

import time

import pytest

from caseapp.protection.redaction import PersonTerms, Redactor

CASES = [
    # Latin
    ("latin", "Maria Lopez", {}, "Yesterday Maria Lopez left the farm.", ["Maria", "Lopez"]),
    ("latin", "José Álvarez", {}, "JOSE ALVAREZ signed nothing.", ["JOSE", "ALVAREZ"]),
    ("latin", "Nguyễn Văn An", {}, "Anh Nguyen Van An lam viec.", ["Nguyen"]),
    ("latin", "Agnieszka Kowalska", {}, "Rozmawialiśmy z Agnieszką Kowalską wczoraj.", ["Kowalsk"]),
    ("latin", "Jan de Vries", {"contact": "+31 6 1234 5678"}, "Bel 06-12345678 of +31 (6) 1234-5678.",
     ["1234-5678"]),
    # Turkish
    ("turkish", "Ayşe Yılmaz", {}, "AYŞE YILMAZ çalıştı.", ["YILMAZ", "AYŞE"]),
    ("turkish", "İbrahim Işık", {}, "ibrahim isik geldi.", ["ibrahim", "isik"]),
    ("turkish", "Emre Çelik", {}, "Emre Çelik'in pasaportu alındı.", ["Çelik"]),
    ("turkish", "Fatma Kılıç", {}, "FATMA KILIÇ ve diğerleri", ["KILIÇ", "FATMA"]),
    ("turkish", "Hakan Öztürk", {}, "Ozturk ailesi bekliyor.", ["Ozturk"]),
    # Cyrillic
    ("cyrillic", "Анна Смирнова", {}, "Мы говорили с Анной Смирновой.", ["Смирнов", "Анн"]),
    ("cyrillic", "Иван Петров", {}, "ИВАН ПЕТРОВ уехал.", ["ИВАН", "ПЕТРОВ"]),
    ("cyrillic", "Олег Коваленко", {}, "Паспорт Олега Коваленко забрали.", ["Коваленко"]),
    ("cyrillic", "Сергей Ким", {"document_numbers": "паспорт 7401 123456"}, "Номер 7401123456 у охраны.",
     ["7401123456"]),
    ("cyrillic", "Ольга Шевченко", {}, "Ользі Шевченко не платили.", ["Шевченко"]),
    # Greek
    ("greek", "Νίκος Παπαδόπουλος", {}, "Ο ΝΙΚΟΣ ΠΑΠΑΔΟΠΟΥΛΟΣ δούλευε.", ["ΠΑΠΑΔΟΠΟΥΛΟΣ"]),
    ("greek", "Ελένη Γεωργίου", {}, "Η Ελενη Γεωργιου έφυγε.", ["Γεωργιου"]),
    ("greek", "Γιώργος Νικολάου", {}, "Ο Γιώργος Νικολάου είπε.", ["Νικολάου"]),
    ("greek", "Μαρία Κωνσταντίνου", {}, "μαρια κωνσταντινου", ["κωνσταντινου"]),
    ("greek", "Δημήτρης Ιωάννου", {}, "Του Δημήτρη Ιωάννου.", ["Ιωάννου"]),
    # Arabic
    ("arabic", "أحمد", {}, "قال لأحمد إن العمل طويل.", ["حمد"]),
    ("arabic", "أحمد", {}, "جاء محمد وأحمد إلى المصنع.", ["وأحمد"]),
    ("arabic", "فاطمة الزهراء", {}, "تحدثنا مع فاطمة الزهراء أمس.", ["فاطمة"]),
    ("arabic", "خالد", {"contact": "0791234567"}, "رقمه ٠٧٩١٢٣٤٥٦٧ عند الحارس.", ["٠٧٩١٢٣٤٥٦٧"]),
    ("arabic", "يوسف", {}, "بيوسف ولم نتصل.", ["يوسف"]),
    # Persian (Arabic script)
    ("persian", "مریم", {}, "با مریم صحبت کردیم.", ["مریم"]),
    ("persian", "رضا", {"contact": "09121234567"}, "شماره ۰۹۱۲۱۲۳۴۵۶۷ را داد.", ["۰۹۱۲۱۲۳۴۵۶۷"]),
    ("persian", "علی کریمی", {}, "علی کریمی رفت.", ["کریمی"]),
    ("persian", "زهرا", {}, "وزهرا هم آمد.", ["زهرا"]),
    ("persian", "حسین", {}, "به حسین گفتیم.", ["حسین"]),
    # Hebrew
    ("hebrew", "משה", {}, "אמרנו ולמשה שהוא יכול ללכת.", ["משה"]),
    ("hebrew", "משה", {}, "ומשה לא חזר.", ["משה"]),
    ("hebrew", "שרה לוי", {}, "שרה לוי עבדה שם.", ["לוי"]),
    ("hebrew", "דוד", {}, "בדוד אין מה לדבר.", ["דוד"]),
    ("hebrew", "רחל", {}, "כרחל, גם היא.", ["רחל"]),
    # Devanagari
    ("devanagari", "राम कुमार", {}, "कल राम कुमार काम पर गया।", ["कुमार"]),
    ("devanagari", "सीता", {}, "सीता ने कहा।", ["सीता"]),
    ("devanagari", "अनिल", {"contact": "9812345678"}, "फ़ोन ९८१२३४५६७८ पर।", ["९८१२३४५६७८"]),
    ("devanagari", "प्रिया शर्मा", {}, "प्रिया शर्मा का पासपोर्ट।", ["शर्मा"]),
    ("devanagari", "गीता", {}, "गीता को वेतन नहीं मिला।", ["गीता"]),
    # Thai (no spaces between words)
    ("thai", "สมชาย", {}, "วันนี้สมชายไปทำงาน", ["สมชาย"]),
    ("thai", "สมศรี", {}, "นายจ้างยึดพาสปอร์ตของสมศรีไว้", ["สมศรี"]),
    ("thai", "มานี", {}, "มานีทำงานวันละสิบหกชั่วโมง", ["มานี"]),
    ("thai", "ประเสริฐ", {}, "คุณประเสริฐบอกว่า", ["ประเสริฐ"]),
    ("thai", "วิชัย", {"contact": "0812345678"}, "โทร ๐๘๑๒๓๔๕๖๗๘ หาวิชัย", ["๐๘๑๒๓๔๕๖๗๘", "วิชัย"]),
    # Khmer
    ("khmer", "សុខា", {}, "ថ្ងៃនេះសុខាទៅធ្វើការ", ["សុខា"]),
    ("khmer", "ដារា", {}, "ដារាមិនបានទទួលប្រាក់ខែ", ["ដារា"]),
    ("khmer", "សុភាព", {}, "លិខិតឆ្លងដែនរបស់សុភាពត្រូវបានយក", ["សុភាព"]),
    ("khmer", "វណ្ណា", {}, "វណ្ណាធ្វើការ", ["វណ្ណា"]),
    ("khmer", "ចាន់ធី", {}, "យើងបាននិយាយជាមួយចាន់ធី", ["ចាន់ធី"]),
    # Lao
    ("lao", "ສົມພອນ", {}, "ມື້ນີ້ສົມພອນໄປເຮັດວຽກ", ["ສົມພອນ"]),
    ("lao", "ບຸນມີ", {}, "ບຸນມີບໍ່ໄດ້ຮັບເງິນ", ["ບຸນມີ"]),
    ("lao", "ຄໍາພູ", {}, "ນາຍຈ້າງເອົາໜັງສືຜ່ານແດນຂອງຄໍາພູ", ["ຄໍາພູ"]),
    ("lao", "ແສງ", {}, "ແສງເວົ້າວ່າ", ["ແສງ"]),
    ("lao", "ວັນນາ", {}, "ພວກເຮົາລົມກັບວັນນາ", ["ວັນນາ"]),
    # Burmese
    ("burmese", "အောင်ကျော်", {}, "ဒီနေ့အောင်ကျော်အလုပ်သွားတယ်", ["အောင်ကျော်"]),
    ("burmese", "မြင့်မြင့်", {}, "မြင့်မြင့်လစာမရဘူး", ["မြင့်မြင့်"]),
    ("burmese", "ဇော်ဝင်း", {}, "ဇော်ဝင်းရဲ့ပတ်စပို့ကိုသိမ်းထားတယ်", ["ဇော်ဝင်း"]),
    ("burmese", "သီတာ", {}, "သီတာပြောတယ်", ["သီတာ"]),
    ("burmese", "ကိုကို", {"contact": "09123456789"}, "ဖုန်း ၀၉၁၂၃၄၅၆၇၈၉", ["၀၉၁၂၃၄၅၆၇၈၉"]),
    # Hangul and CJK
    ("hangul", "김철수", {}, "철수씨는 여권을 빼앗겼다.", ["철수"]),
    ("hangul", "김정은", {}, "김정은은 떠났다.", ["김정은"]),
    ("cjk", "王伟", {}, "昨天王伟没有拿到工资。", ["王伟"]),
    ("cjk", "李娜", {"contact": "13812345678"}, "电话１３８１２３４５６７８", ["１３８１２３４５６７８"]),
    ("cjk", "田中花子", {}, "田中花子さんは帰った。", ["田中花子"]),
    # Fullwidth and other compatibility forms
    ("fullwidth", "Kim Chol-su", {}, "Ｋｉｍ Ｃｈｏｌ－ｓｕ was there.", ["Ｋｉｍ"]),
    ("fullwidth", "Tran Thi Lan", {}, "ＴＲＡＮ ＴＨＩ ＬＡＮ left.", ["ＴＲＡＮ", "ＬＡＮ"]),
    ("fullwidth", "Figueroa", {}, "Seen: ﬁgueroa.", ["gueroa"]),
    # Georgian and Armenian
    ("georgian", "გიორგი ბერიძე", {}, "გიორგი ბერიძე მუშაობდა.", ["ბერიძე"]),
    ("georgian", "ნინო", {}, "ნინო წავიდა.", ["ნინო"]),
    ("armenian", "Արամ Պետրոսյան", {}, "Արամ Պետրոսյանը աշխատում էր։", ["Պետրոսյան"]),
    ("armenian", "Անի", {}, "Անին գնաց։", ["Անի"]),
    # Ways of writing a name or number that an attack pass got through once
    ("latin", "Łukasz Wiśniewski", {}, "Lukasz said Wiśniewskiego was paid nothing.", ["Lukasz", "Wiśniewskiego"]),
    ("latin", "Søren Ørsted", {}, "We met Soren Orsted at the port.", ["Soren", "Orsted"]),
    ("latin", "Aleksandr Volkov", {}, "File interview_aleksandr_volkov.html received.", ["volkov"]),
    ("latin", "Dmitry Petrov", {}, "Pet\u034frov signed.", ["rov signed"]),
    ("cyrillic", "Дмитрий Петров", {"contact": "+7 914 555 12 34"}, "Звоните 8 914 555 12 34 или +7–914–555–12–34.",
     ["555 12 34", "555–12–34"]),
]


@pytest.mark.parametrize("script,name,details,text,hidden", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_a_person_is_hidden_in_every_script(script, name, details, text, hidden):
    redactor = Redactor([PersonTerms(1, "worker", name, **details)])
    shown = redactor.redact(text)
    assert "[W-1]" in shown, shown
    for piece in hidden:
        assert piece not in shown, (piece, shown)


def test_the_table_covers_sixty_cases_in_twelve_scripts():
    assert len(CASES) >= 60 and len({case[0] for case in CASES}) >= 12


def test_words_that_only_look_like_a_name_are_left_alone():
    redactor = Redactor([PersonTerms(1, "worker", "Ali"), PersonTerms(2, "witness", "สมชาย")])
    assert redactor.redact("The alibi holds; Alice and Italian workers.") == "The alibi holds; Alice and Italian workers."


def test_redaction_stays_linear_in_the_length_of_the_text():
    redactor = Redactor([PersonTerms(n, "worker", f"Person{n} Surname{n}") for n in range(200)])
    sentence = "Workers from the brigade said that Surname7 and others were kept. วันนี้ไปทำงาน "
    timings = []
    for repeat in (200, 400):
        start = time.perf_counter()
        redactor.redact(sentence * repeat)
        timings.append(time.perf_counter() - start)
    assert timings[1] < timings[0] * 4  # twice the text: about twice the time, never the square


@pytest.mark.parametrize("recorded, written", [
    ("+66 81 234 5678", "call 0812345678 now"),       # trunk 0 instead of the country code, run together
    ("+66 81 234 5678", "call 081-234-5678"),
    ("+7 914 555 12 34", "звоните 89145551234"),       # Russia's trunk 8
    ("081 234 5678", "tel +66 81 234 5678"),          # recorded nationally, written internationally
])
def test_a_phone_is_hidden_however_the_country_writes_it(recorded, written):
    redactor = Redactor([PersonTerms(1, "worker", "Somchai Test", (), recorded, "")])
    shown = redactor.redact(written)
    assert "[W-1]" in shown and not any(run in shown for run in ("234", "5678", "555", "1234")), shown
