"""What Lena cooks and says: each dish with the queries people type to find it, the caption
templates for each kind of video, and the captions a UI must render literally."""

from __future__ import annotations

# dish, emoji, the queries people type to find it
DISHES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "garlic butter pasta",
        "🍝",
        ("easy pasta recipe", "garlic butter pasta", "pasta dinner ideas"),
    ),
    (
        "breakfast burrito",
        "🌯",
        ("5 minute breakfast", "breakfast burrito recipe", "easy breakfast"),
    ),
    ("pork dumplings", "🥟", ("how to fold dumplings", "dumpling recipe", "homemade dumplings")),
    ("miso ramen", "🍜", ("[best] ramen", "miso ramen recipe", "ramen at home")),
    ("shakshuka", "🍳", ("shakshuka recipe", "easy eggs recipe", "one pan breakfast")),
    (
        "banana bread",
        "🍌",
        ("banana bread recipe", "easy banana bread", "what to do with old bananas"),
    ),
    ("chicken katsu", "🍗", ("chicken katsu recipe", "crispy chicken", "katsu curry")),
    ("lemon drizzle cake", "🍋", ("lemon drizzle cake", "easy cake recipe", "lemon cake")),
    ("crispy gnocchi", "🥔", ("crispy gnocchi", "gnocchi recipe", "sheet pan dinner")),
    ("chili oil noodles", "🌶️", ("chili oil noodles", "5 minute noodles", "spicy noodles recipe")),
    ("focaccia", "🍞", ("focaccia recipe", "no knead bread", "easy bread recipe")),
    ("smash burgers", "🍔", ("smash burger recipe", "how to make smash burgers", "burger sauce")),
    ("overnight oats", "🥣", ("overnight oats recipe", "5 minute breakfast", "healthy breakfast")),
    ("french onion soup", "🧅", ("french onion soup", "soup recipe", "how to caramelize onions")),
    ("green curry", "🍛", ("thai green curry recipe", "easy curry", "green curry paste")),
    ("sourdough", "🥖", ("sourdough for beginners", "sourdough starter", "how to make sourdough")),
    ("tiramisu", "☕", ("tiramisu recipe", "easy dessert", "no bake dessert")),
    ("egg fried rice", "🍚", ("egg fried rice", "fried rice recipe", "leftover rice recipe")),
    ("pad thai", "🥢", ("pad thai recipe", "easy pad thai", "noodle recipe")),
    ("cinnamon rolls", "🌀", ("cinnamon rolls recipe", "easy cinnamon rolls", "brunch ideas")),
    ("butter chicken", "🍗", ("butter chicken recipe", "easy curry", "indian dinner")),
    ("mac and cheese", "🧀", ("mac and cheese recipe", "baked mac and cheese", "comfort food")),
    ("birria tacos", "🌮", ("birria tacos recipe", "how to make birria", "taco tuesday")),
    ("carbonara", "🥓", ("authentic carbonara", "carbonara recipe", "easy pasta recipe")),
    ("crepes", "🥞", ("crepe recipe", "easy crepes", "5 minute breakfast")),
    ("salmon rice bowl", "🍣", ("salmon rice bowl", "healthy dinner", "easy salmon recipe")),
    ("brownies", "🍫", ("fudgy brownies", "brownie recipe", "easy dessert")),
    ("pho", "🍲", ("pho recipe", "how to make pho", "soup recipe")),
    ("risotto", "🍚", ("mushroom risotto", "risotto recipe", "how to make risotto")),
    ("croissants", "🥐", ("croissant recipe", "how to laminate dough", "baking for beginners")),
    ("dan dan noodles", "🍜", ("dan dan noodles", "spicy noodles recipe", "noodle recipe")),
    ("apple pie", "🥧", ("apple pie recipe", "easy pie crust", "fall baking")),
)

GENERIC_QUERIES = ("easy dinner ideas", "quick recipes", "cheap meals", "recipe ideas")
BRAND_QUERY = "lena cooks"

TEMPLATES: dict[str, tuple[str, ...]] = {
    "how_to": (
        "How to make {dish} at home (easy recipe) {e} #recipe #easyrecipe #cooking",
        "Easy {dish} recipe, ready in {n} minutes {e} #howto #recipe #dinnerideas",
        "The easiest {dish} you'll ever make, full recipe below 👇 {e} #easyrecipes #foodtok",
        "how to get {dish} right every time: 3 mistakes to avoid {e} #cookingtips #recipe",
        "{dish} recipe for beginners, step by step {e} #howto #learnontiktok",
    ),
    "sound": (
        "POV: the {dish} hits different {e} #trendingsound #foodtok #fyp",
        "{dish} but make it ✨aesthetic✨ {e} #asmrfood #fyp",
        "This sound + {dish} = perfection {e} #trend #foodtok",
        "When the {dish} comes out perfect 😮‍💨 {e} #fyp #satisfying",
    ),
    "storytime": (
        "Storytime: the day I served {dish} to my mother-in-law 😅 #storytime #cooking",
        "I got fired from my first kitchen job because of {dish}... part {n} #storytime",
        "Why I almost quit cooking videos (and what {dish} has to do with it) {e} #storytime",
        "The worst dinner party I ever hosted: a {dish} disaster, part {n} #storytime",
    ),
    "send_this": (
        "Send this to the friend who owes you {dish} 😂 {e} #sendthis #foodtok",
        "Send this to someone who can't cook (yet): {dish} in 3 steps {e} #sendthistoafriend",
        "Tag the person making you {dish} this weekend 👀 {e} #sendthis",
    ),
    "general": (
        "{dish} Sunday {e} #foodtok #homecooking",
        "What I eat in a week as a recipe developer, day {n}: {dish} {e} #whatieatinaweek",
        "Rainy day, {dish}, no notes {e} #comfortfood #cozy",
        "{dish} for dinner tonight, would you try it? {e} #dinner #foodtok",
    ),
}

# Captions that are user text with characters that break naive renderers.
SPECIAL_CAPTIONS = {
    "markup": "[bold red]NEW[/] 3-ingredient pancakes [@click=app.quit]Tap[/] 🥞 #breakfast",
    "quotes": (
        "\"Best pasta I've ever had,\" said my husband. Garlic, butter, parmesan, that's it 🍝"
    ),
    "newline": "Crispy gnocchi 🥔\nSave this for dinner tonight! #sheetpandinner #easyrecipe",
    "ramen": "How to make [best] ramen at home, easy 20 minute recipe 🍜 #ramen #recipe",
    "dumplings": "Send this to the friend who always burns the dumplings 🥟😂 #sendthis #dumplings",
    "viral_sound": "POV: the cheese pull hits different 🧀🎶 #trendingsound #fyp",
}
