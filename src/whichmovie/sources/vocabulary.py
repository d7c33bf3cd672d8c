"""The words the title grammar knows, as data.

`titles.py` holds the grammar (how a label, a title and tails are told apart); this module holds
its vocabulary: which words name a trailer, which sign a studio's credit, which say where the film
plays, in every language the grammar has met. A new channel in a new language or house style
usually needs words added here and nothing else (see docs/adding-a-channel.md).

Everything is lower case; the grammar compares case-folded text. Multi-word entries are written
with single spaces. Pure data: no imports beyond the standard library, nothing compiled here.
"""

from __future__ import annotations

# --- the label keyword ---------------------------------------------------------------------
# The word that makes an upload a trailer; the label of the video forms around it. Teaser words
# make it a teaser. Words of scripts without spaces between words (Korean, Japanese, Chinese)
# match inside a run of letters; longer entries are tried first ("本予告" before "予告").
# fmt: off
TRAILER_KEYWORDS: tuple[str, ...] = (
    "trailer", "tráiler", "bande-annonce", "bande annonce", "traileri", "zwiastun", "fragman",
    "fragmanı", "трейлер", "трейлеры", "előzetes", "előzetese", "τρέιλερ", "τρειλερ",
    "trejler", "трејлер", "treler",
    "예고편", "予告編", "本予告", "予告", "预告片", "预告", "預告片", "預告",
    # Thai (ตัวอย่างภาพยนตร์ = "film trailer") and Indian scripts, matched inside a run of
    # letters like the East Asian ones: their vowel signs are no word characters to a regex
    "ตัวอย่างภาพยนตร์", "ตัวอย่าง", "ट्रेलर", "ট্রেলার", "டிரெய்லர்", "ట్రైలర్", "ಟ್ರೈಲರ್",
    # Hebrew, Arabic, Persian (الإعلان = "the advertisement", the Arabic channels' trailer)
    "טריילר", "الإعلان", "إعلان", "تريلر", "تریلر",
)
TEASER_KEYWORDS: tuple[str, ...] = ("teaser", "тизер", "티저", "特報", "ティザー", "टीज़र")
# fmt: on
# A keyword followed by one of these is part of a name ("Trailer Park Boys"), not a label.
KEYWORD_COMPOUNDS: tuple[str, ...] = (
    "park",
    "parks",
    "trash",
    "home",
    "homes",
    "hitch",
    "truck",
    "trucks",
    "camp",
    "court",
    "life",
)  # fmt: skip

# --- words of the label --------------------------------------------------------------------
# Words naming a cut, an edition or a re-release; stripped from the end of a title even after
# "Official" ("Nymphomaniac Extended Director's Cut Official Trailer").
# fmt: off
EDITION_WORDS: frozenset[str] = frozenset({
    "extended", "unrated", "uncut", "imax", "3d", "4k", "hd", "uhd", "restoration",
    "restored", "remaster", "remastered", "re-release", "rerelease", "anniversary", "blu-ray",
    "bluray", "dvd",
})
# fmt: on
# "Ultra" only names an edition before "HD" ("4K Ultra HD"); "American Ultra" is a film.
EDITION_PAIRS: frozenset[tuple[str, str]] = frozenset(
    {("director's", "cut"), ("directors", "cut"), ("ultra", "hd")}
)
# "Official" as channels in other languages write it; like "Official", it opens the trailer's
# name ("Official Secrets Official Trailer", "Oppenheimer Offizieller Trailer").
# fmt: off
OFFICIAL_WORDS: frozenset[str] = frozenset({
    "official", "offizieller", "offizielle", "officiel", "officielle", "oficial", "ufficiale",
    "officiële", "officiell", "offisiell", "virallinen", "oficjalny", "resmi", "официальный",
    "oficiální", "oficiálny", "hivatalos", "επίσημο", "επίσημος", "επίσημη", "офіційний",
    "официален", "službeni", "zvanični", "званични", "службени", "rasmi", "רשמי", "الرسمي",
    "رسمی",
    "공식", "正式", "官方",
})
# Languages and markets a trailer is cut for ("Official Hindi Trailer", "Japanese Trailer").
LANGUAGE_WORDS: frozenset[str] = frozenset({
    "english", "japanese", "korean", "french", "german", "chinese", "italian", "spanish",
    "australian", "canadian", "hindi", "tamil", "telugu", "malayalam", "kannada",
    "deutsch", "italiano", "español", "castellano", "latino",
    "vf", "vo", "vost", "vostfr", "subtitulado", "doblado", "dublado", "legendado",
    # the language of the cut in the channels' own languages, and their subtitled/dubbed words
    "nederlandse", "dansk", "danske", "svensk", "svenska", "norsk", "suomalainen", "polski",
    "türkçe", "altyazılı", "dublajlı", "magyar", "feliratos", "szinkronizált", "szinkronos",
    "český", "česky", "ελληνικό", "μεταγλωττισμένο", "υποτιτλισμένο",
    "nl", "pl", "cz", "sk", "gr",
})
# Words naming the trailer itself, between the title and the keyword ("Red Band", "Int.'l"),
# with the new/final/main words of channels in other languages.
LABEL_WORDS: frozenset[str] = EDITION_WORDS | OFFICIAL_WORDS | LANGUAGE_WORDS | frozenset({
    "final", "main", "new", "first", "second", "third", "full", "latest", "original",
    "special", "legacy", "pop-up", "popup", "comic-con", "sdcc", "tv", "theatrical",
    "cinema", "restricted", "uncensored", "international", "int'l", "int.'l", "intl",
    "intl.", "global", "domestic", "us", "u.s.", "uk", "u.k.",
    "release", "exclusive", "teaser", "announcement", "launch",
    "nouvelle", "nouveau", "neuer", "neue", "finaler", "nuovo", "nuevo", "nueva", "novo",
    "nieuwe", "ny", "nya", "nye", "uusi", "nowy", "yeni", "nový", "új",
    "메인", "본", "1차", "2차", "3차", "런칭", "파이널", "스페셜", "캐릭터",
})
# fmt: on
# Label words are a title's own after one of these: "Failure to Launch", "Women of Cinema".
PREPOSITIONS: frozenset[str] = frozenset(
    {"of", "to", "with", "from", "for", "in", "on", "at", "by", "into", "without", "about"}
)
# Country codes are label words only as codes: "US Trailer", not "Us Trailer" (a film).
COUNTRY_CODES: frozenset[str] = frozenset({"us", "uk"})
# ... and never after a preposition, where "us" is the pronoun ("IT ENDS WITH US", "The Rest of
# Us", "Between Us").
# fmt: off
PRONOUN_BEFORE_US: frozenset[str] = frozenset({
    "of", "with", "between", "for", "to", "among", "amongst", "about", "behind", "beyond",
    "without", "against", "like", "after", "before", "around", "from", "upon", "unto", "save",
    "deliver", "help", "trust", "join", "leave", "follow", "find", "forgive", "bless", "kill",
})
# fmt: on
LABEL_PAIRS: frozenset[tuple[str, str]] = EDITION_PAIRS | frozenset(
    {("red", "band"), ("green", "band"), ("super", "bowl"), ("big", "game")}
)
# Words that, with a number after them, name a trailer in a segment of its own
# ("Dunki | Drop 4 | Official Trailer").
NUMBERED_TRAILER_NAMES: frozenset[str] = frozenset({"drop"})
ARTICLES: frozenset[str] = frozenset({"the", "a", "an"})

# --- credits before the title ----------------------------------------------------------------
# Lower-case particles inside a person's name ("Guillermo del Toro", "Lars von Trier").
NAME_PARTICLES: tuple[str, ...] = (
    "de",
    "del",
    "della",
    "da",
    "di",
    "van",
    "von",
    "der",
    "den",
    "le",
    "la",
    "du",
    "bin",
    "al",
)
# A studio's credit is not part of the film's title ("Marvel Studios' Thunderbolts*", "A24
# presents: Civil War"). Regex fragments, since studio names vary in spelling.
# fmt: off
STUDIO_CREDITS: tuple[str, ...] = (
    r"(?:walt\s+)?disney(?:\s*(?:and|&|/|·)\s*pixar)?", "pixar", r"marvel\s+studios",
    r"dreamworks(?:\s+animation)?", "illumination", "lucasfilm", "blumhouse", "laika", "a24",
    "neon", "netflix", r"sony\s+pictures\s+animation", r"warner\s+bros\.?(?:\s+pictures)?",
    r"universal\s+pictures", r"20th\s+century\s+studios", r"searchlight\s+pictures",
    r"focus\s+features",
)
# fmt: on
# Words that open an upload title before the film's name and are no part of it.
# fmt: off
TITLE_PREFIXES: tuple[str, ...] = (
    "exclusive", r"brand\s+new", "new", "watch", r"first\s+look", r"world\s+premiere",
    "premiere", "official", "breaking", r"just\s+released",
)
# fmt: on
# Words that open a quoted title on Japanese and Korean channels: 映画 and 영화 = "film".
CJK_TITLE_PREFIXES: tuple[str, ...] = ("映画", "영화")
# Words for "film" between a label that opens the upload and the title ("Trailer Resmi Film
# 'Jatuh Cinta'", "الإعلان الرسمي لفيلم Gladiator II"), and that open a title ("Phim Wicked").
FILM_WORDS: frozenset[str] = frozenset(
    {"film", "movie", "phim", "filmu", "filmi", "فيلم", "لفيلم", "فیلم", "ภาพยนตร์"}
)
FILM_TITLE_PREFIXES: tuple[str, ...] = ("phim",)

# The last word of a distributor's name ("Peccadillo Pictures", "Screen Media", "Film Movement
# Classics"): a segment of two to four capitalised words ending in one, between a title and the
# label, signs the upload and is not the film.
COMPANY_SUFFIXES: frozenset[str] = frozenset(
    {
        "pictures",
        "films",
        "entertainment",
        "releasing",
        "distribution",
        "studios",
        "media",
        "classics",
    }
)
# The words of a festival's selection or award in a segment of its own ("Berlinale 2022
# Selection", "Official Selection", "Sundance 2024 Premiere"): a tail, not the film.
FESTIVAL_HONOURS: tuple[str, ...] = ("selection", "premiere", "competition", "winner")
# Awards a segment after the title may boast of ("Palme d'Or Winner", "Oscar Nominated Best
# Picture", "Venice 2023 Silver Lion"): a tail too. Regex fragments.
AWARDS: tuple[str, ...] = (
    "palme d'or",
    r"(?:golden|silver)\s+(?:lion|bear|globe)",
    "oscar",
    r"academy\s+award",
    "bafta",
    r"jury\s+prize",
    r"audience\s+award",
)

# --- tails after the label -------------------------------------------------------------------
# Platforms a film is "on" or "streaming on" in a release tail.
# fmt: off
PLATFORMS: tuple[str, ...] = (
    "netflix", "digital", r"blu-?ray", "demand", "mubi", r"apple\s+tv\+?", r"prime\s+video",
    r"disney\+", "max", "hulu", "peacock", "dvd",
)
# Phrases opening a release tail ("In Theaters March 1", "Only In Cinemas", "På bio 7 oktober").
RELEASE_PHRASES: tuple[str, ...] = (
    r"in\s+(?:select\s+)?(?:theaters|theatres|cinemas)", r"at\s+cinemas",
    r"(?:get\s+(?:your\s+)?)?tickets\s+(?:on\s+sale|available|now)", r"get\s+(?:your\s+)?tickets",
    r"now\s+(?:streaming|playing|showing)", "streaming", r"coming\s+soon", r"out\s+now",
    "available", r"in\s+&\s+on",
    # Nordic and German channels: "I biografen 5. oktober", "På kino", "Im Kino"
    r"i\s+biografen", r"på\s+bio", r"på\s+kino", r"på\s+biografen", "elokuvateattereissa",
    r"im\s+kino", r"ab\s+\d", r"au\s+cin[ée]ma", r"en\s+cines",
    # Dutch, Italian, Polish, Czech, Hungarian, Turkish, Greek, Portuguese, Indonesian, Thai
    r"vanaf\s+\d", r"in\s+de\s+bioscoop", r"dal\s+\d", r"al\s+cinema", r"w\s+kinach", r"v\s+kinech",
    "mozikban", "sinemalarda", "vizyonda", r"στους\s+κινηματογράφους", r"nos\s+cinemas",
    "tayang", r"segera\s+di\s+bioskop", r"di\s+bioskop", r"di\s+pawagam", "ในโรงภาพยนตร์",
    r"u\s+kinima", r"u\s+bioskopima", r"în\s+cinematografe", r"la\s+cinema", r"din\s+\d",
)
# Month names of the release-date tails, as regex fragments: English, then the other languages of
# the channels met so far. Only used next to a day number and a year, where no title word goes.
MONTHS: tuple[str, ...] = (
    r"jan(?:uary)?", r"feb(?:ruary)?", r"mar(?:ch)?", r"apr(?:il)?", "may", r"june?", r"july?",
    r"aug(?:ust)?", r"sep(?:t(?:ember)?)?", r"oct(?:ober)?", r"nov(?:ember)?", r"dec(?:ember)?",
    # Nordic, Dutch, German, Indonesian
    r"januar[iy]?", r"februar[iy]?", r"mar(?:s|ts)", "maart", "märz", "maret", r"ma[ij]", "mei",
    r"jun[ie]", r"jul[ie]", r"august(?:i|us)?", "agustus", r"o[ck]tober", "okt", "desember",
    r"de[sz]ember", "dez",
    # French, Spanish, Italian, Portuguese
    r"janvier", r"févr(?:ier)?", "mars", "avril", "mai", "juin", "juillet", "août",
    r"septembre", r"octobre", r"novembre", r"d[ée]cembre", "enero", "febrero", "marzo", "abril",
    "mayo", "junio", "julio", "agosto", r"sep?tiembre", "octubre", "noviembre", "diciembre",
    "gennaio", "febbraio", "aprile", "maggio", "giugno", "luglio", "settembre", "ottobre",
    "dicembre", "janeiro", "fevereiro", "março", "maio", "junho", "julho", "setembro", "outubro",
    "novembro", "dezembro",
    # Polish and Czech (the genitive of a date), Hungarian, Turkish, Finnish
    "stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia", "września",
    "października", "listopada", "grudnia", "ledna", "února", "března", "dubna", "května",
    "června", "července", "srpna", "září", "října", "listopadu", "prosince", "január", "február",
    "március", "április", "május", "június", "július", "augusztus", "szeptember", "október",
    "ocak", "şubat", "mart", "nisan", "mayıs", "haziran", "temmuz", "ağustos", "eylül", "ekim",
    "kasım", "aralık", r"\w+kuuta",
    # Greek (genitive)
    "ιανουαρίου", "φεβρουαρίου", "μαρτίου", "απριλίου", "μαΐου", "ιουνίου", "ιουλίου",
    "αυγούστου", "σεπτεμβρίου", "οκτωβρίου", "νοεμβρίου", "δεκεμβρίου",
)
# fmt: on
# Genres of the "Ben Stiller Comedy HD" tails of aggregator channels.
# fmt: off
GENRES: tuple[str, ...] = (
    "action", "adventure", "animated", "animation", "biopic", "comedy", "crime", "documentary",
    "drama", "family", "fantasy", "horror", "musical", "mystery", "romance", "romantic",
    "sci-fi", "thriller", "war", "western", "disney", "superhero",
)
# fmt: on

# --- uploads of more than one film ---------------------------------------------------------------
# A parsed title ending in one of these names a set of films ("Harry Potter Saga", "The Matrix
# Collection"), unless an article makes it the film's own name ("The Collection", "Furiosa: A
# Mad Max Saga").
COMPILATION_NOUNS: frozenset[str] = frozenset(
    {"saga", "collection", "trilogy", "quadrilogy", "anthology", "franchise", "boxset"}
)
# A parsed title opening with one of these and ending in "movie(s)"/"film(s)" is a compilation
# ("Every Christopher Nolan Movie").
COMPILATION_OPENERS: tuple[str, ...] = ("every", "all the", "all")
COMPILATION_FILM_WORDS: frozenset[str] = frozenset({"movie", "movies", "film", "films"})

# --- uploads of series, festivals and reviews, in other languages ----------------------------
# "Season"/"episode" in the languages of the channels met so far; with a number before or after
# them they make an upload a series' ("Undercover seizoen 3", "Yalı Çapkını 2. Sezon",
# "85. Bölüm", "오징어 게임 시즌2"). Regex fragments.
# fmt: off
SEASON_WORDS: tuple[str, ...] = (
    "seizoen", "säsong", "sæson", "sesong", "kausi", "sezon", "sezonu", "sezona", "série",
    "řada", "évad", "σεζόν", "temporada", "saison", "staffel", "stagione", "musim", "시즌",
    "シーズン", "ซีซั่น", "bölüm", "bölümü", "odcinek", "aflevering", "avsnitt", "afsnit",
    "jakso", "folge", "episodio", "épisode", "epizoda",
)
# fmt: on
# Japanese numbered seasons and episodes ("第2期", "第3話"), and the words that open the title
# of a TV drama or anime on Japanese and Korean channels ("ドラマ『VIVANT』予告").
CJK_SEASON_PATTERN = r"第\s*\d+\s*(?:期|話|シーズン)"
CJK_SERIES_PREFIXES: tuple[str, ...] = ("ドラマ", "tvアニメ", "テレビアニメ", "アニメ", "드라마")
# Film festivals, whose own trailers are a programme, not a film ("Berlinale 2024 | Official
# Trailer", "NYFF62 Trailer", "Venezia 81"). A parsed title that is one of these, with or
# without its year or edition number, is a line-up.
# fmt: off
# Names that are also films' ("Fantasia", "Venice", "Rotterdam") stay out.
FESTIVALS: tuple[str, ...] = (
    "berlinale", "cannes", "venezia", "biennale", "sundance", "tiff", "nyff", "tribeca",
    "locarno", "kviff", "iffr", "sxsw", "telluride", "annecy", "sitges", "biff", "bifan",
    "fantastic fest", "london film festival", "lff", "karlovy vary", "hot docs", "idfa",
)
# Words of reviews, reactions and analyses in other languages ("Fragman İnceleme",
# "Reacción al tráiler", "예고편 해석 & 리뷰").
REVIEW_WORDS: tuple[str, ...] = (
    "reacción", "reaccion", "reacciona", "análisis", "analisis", "reaktion", "analyse",
    "recenzja", "rezension", "inceleme", "incelemesi", "tepki", "리뷰", "해석", "반응",
)
# fmt: on
# Holidays a release is dated by, with the year after them ("Lebaran 2024 di Bioskop").
RELEASE_SEASONS: tuple[str, ...] = (
    "summer",
    "spring",
    "fall",
    "autumn",
    "winter",
    "christmas",
    "holiday",
    "lebaran",
    "eid",
    "diwali",
    "pongal",
    "sankranti",
)
