"""The demo assortment: product families per category, with sizes, colours and prices."""

from __future__ import annotations

from dataclasses import dataclass

SHOE_SIZES = tuple(str(size) for size in range(36, 48))
KIDS_SHOE_SIZES = tuple(str(size) for size in range(28, 36))
CLOTHING = ("XS", "S", "M", "L", "XL", "XXL")
KIDS_CLOTHING = ("4Y", "6Y", "8Y", "10Y", "12Y", "14Y")
FRAMES = ("S", "M", "L", "XL")
ONE_SIZE = ("",)

COLOURS = {
    "Black": "#22262b",
    "Navy": "#1f3a5f",
    "Blue": "#2f6fd1",
    "Turquoise": "#1aa79c",
    "Green": "#2e8b57",
    "Khaki": "#7d7a4a",
    "Yellow": "#e7b416",
    "Orange": "#e67e22",
    "Red": "#c0392b",
    "Pink": "#e0568a",
    "Purple": "#7d4cc2",
    "Grey": "#7f8c8d",
    "White": "#f2f2f0",
    "Sand": "#cdb48e",
    "Brown": "#7a4b2a",
}
BRANDS = (
    "Altivera",
    "Norvent",
    "Cimarre",
    "Trailhaus",
    "Vélocité",
    "Lagune",
    "Boréal Gear",
    "Ferro Fit",
    "Pikaloo",
    "Glissade",
    "Rivo",
    "Kopa",
)
MODELS = (
    "Kestrel", "Alto", "Brume", "Cirrus", "Drift", "Écho", "Falco", "Granit", "Halo",
    "Isard", "Jura", "Karst", "Lynx", "Mistral", "Névé", "Orage", "Quartz", "Rafale",
    "Sierra", "Tarn", "Ubac", "Vega", "Zéphyr", "Aiguille", "Bise", "Cairn", "Dune",
    "Érable", "Fjord", "Givre",
)  # fmt: skip
EDITIONS = ("", " 2", " Pro", " Lite", " 3", " Evo", " Max", " Light", " 4", " Ultra")


@dataclass(frozen=True)
class Family:
    code: str  # SKU prefix
    category: str  # category path
    noun: str
    shape: str  # image silhouette, see images.SHAPES
    brands: tuple[str, ...]
    sizes: tuple[str, ...]
    span: int  # consecutive sizes one product offers
    colours: tuple[str, ...]
    price: tuple[int, int]  # euros
    weight: int  # share of the assortment
    use: str
    features: tuple[str, ...]


OUTDOOR = ("Black", "Navy", "Green", "Khaki", "Red", "Orange", "Blue", "Grey")
BRIGHT = ("Black", "Blue", "Turquoise", "Yellow", "Orange", "Red", "Pink", "Purple", "White")
CORE = ("Black", "Navy", "Grey", "Blue", "Red", "White")

FAMILIES = (
    Family("RUN-ROAD", "Running > Shoes", "road running shoe", "shoe", ("Rivo", "Norvent"),
           SHOE_SIZES, 7, BRIGHT, (59, 169), 5, "daily miles on tarmac",
           ("A responsive foam midsole returns energy stride after stride.",
            "The engineered mesh upper breathes on hot days.",
            "An 8 mm drop suits most runners moving up in distance.",
            "Reflective details keep you visible on early or late runs.")),
    Family("RUN-TRAIL", "Running > Shoes", "trail running shoe", "shoe", ("Norvent", "Cimarre"),
           SHOE_SIZES, 6, OUTDOOR, (89, 179), 4, "muddy paths and rocky ridges",
           ("Deep 5 mm lugs grip on mud, wet rock and loose gravel.",
            "A rock plate protects the foot on technical descents.",
            "The gusseted tongue keeps grit out.")),
    Family("RUN-APP", "Running > Clothing", "running top", "tshirt", ("Rivo", "Norvent"),
           CLOTHING, 5, BRIGHT, (19, 59), 4, "tempo sessions and long runs",
           ("Quick-drying fabric wicks sweat away from the skin.",
            "Flat seams prevent chafing over long distances.",
            "Cut for freedom of movement without flapping in the wind.")),
    Family("RUN-TIGHT", "Running > Clothing", "running tights", "tights", ("Rivo",),
           CLOTHING, 6, ("Black", "Navy", "Grey"), (29, 79), 2, "winter training",
           ("Brushed inner face keeps the legs warm when it is cold.",
            "A zipped back pocket holds keys and a phone.")),
    Family("RUN-ACC", "Running > Accessories", "running cap", "cap", ("Rivo", "Norvent"),
           ONE_SIZE, 1, BRIGHT, (12, 29), 2, "sunny races",
           ("Mesh panels let heat escape.", "The adjustable strap fits most heads.")),
    Family("HIK-BOOT", "Hiking > Boots", "hiking boot", "boot", ("Cimarre", "Altivera"),
           SHOE_SIZES, 6, ("Brown", "Khaki", "Grey", "Navy", "Black"), (89, 229), 4,
           "multi-day treks",
           ("A waterproof, breathable membrane keeps feet dry.",
            "The high cuff supports the ankle under a loaded pack.",
            "A Vibram-style rubber outsole grips on wet stone.")),
    Family("HIK-JKT", "Hiking > Jackets", "rain jacket", "jacket", ("Altivera", "Norvent",
           "Boréal Gear"), CLOTHING, 6, OUTDOOR, (79, 329), 5, "wet days in the mountains",
           ("A 2.5-layer waterproof shell with taped seams.",
            "Pit zips release heat on the climb.",
            "The adjustable hood works over a cap or a helmet.",
            "It packs into its own chest pocket.")),
    Family("HIK-FLEECE", "Hiking > Fleeces", "fleece", "jacket", ("Altivera", "Trailhaus"),
           CLOTHING, 6, OUTDOOR, (29, 99), 3, "cool evenings at the hut",
           ("A warm grid fleece that dries fast.", "Stretchy cuffs seal out the draught.")),
    Family("HIK-PACK", "Hiking > Backpacks", "backpack", "backpack", ("Trailhaus", "Altivera"),
           ONE_SIZE, 1, OUTDOOR, (29, 189), 4, "day hikes and hut-to-hut trips",
           ("A ventilated back panel keeps you cool.",
            "Hip belt pockets hold snacks within reach.",
            "An integrated rain cover stows in the lid.")),
    Family("CMP-TENT", "Camping > Tents", "tent", "tent", ("Trailhaus", "Altivera"),
           ONE_SIZE, 1, ("Green", "Orange", "Sand", "Grey"), (49, 599), 3, "wild camping",
           ("Colour-coded poles make pitching quick, even in the rain.",
            "Two doors and two porches leave room for boots and packs.",
            "The flysheet is rated 3,000 mm hydrostatic head.")),
    Family("CMP-BAG", "Camping > Sleeping bags", "sleeping bag", "sleepingbag", ("Trailhaus",
           "Altivera"), ("Regular", "Long"), 2, ("Blue", "Red", "Orange", "Green"), (39, 299),
           2, "three-season camping",
           ("A mummy shape keeps the warmth where you are.",
            "Comfort rated to 5 °C.", "A compression sack is included.")),
    Family("CMP-LAMP", "Camping > Lighting", "headlamp", "headlamp", ("Trailhaus",),
           ONE_SIZE, 1, ("Black", "Orange", "Blue"), (19, 79), 2, "nights at the campsite",
           ("Up to 400 lumens with a red night-vision mode.", "USB-C rechargeable battery.")),
    Family("CYC-BIKE", "Cycling > Bikes", "bike", "bike", ("Vélocité",), FRAMES, 4,
           ("Black", "Blue", "Red", "Green", "White", "Grey"), (399, 2499), 3,
           "commutes, gravel roads and weekend rides",
           ("A light aluminium frame with internal cable routing.",
            "Hydraulic disc brakes stop surely in the wet.",
            "Tubeless-ready wheels take tyres up to 45 mm.")),
    Family("CYC-HELM", "Cycling > Helmets", "cycling helmet", "helmet", ("Vélocité",),
           ("S", "M", "L"), 3, ("Black", "White", "Blue", "Red", "Yellow"), (29, 149), 2,
           "road and city riding",
           ("In-mould construction with 18 vents.", "A dial adjusts the fit with one hand.")),
    Family("CYC-JERSEY", "Cycling > Clothing", "cycling jersey", "tshirt", ("Vélocité",),
           CLOTHING, 6, BRIGHT, (29, 99), 2, "long summer rides",
           ("Three back pockets carry food and a spare tube.", "A full-length zip vents heat.")),
    Family("SWM-SUIT", "Swimming > Swimwear", "swimsuit", "swimsuit", ("Lagune",),
           CLOTHING[:5], 5, ("Black", "Navy", "Turquoise", "Pink", "Purple", "Blue"), (19, 69),
           3, "pool training",
           ("Chlorine-resistant fabric keeps its shape season after season.",
            "A racer back frees the shoulders.")),
    Family("SWM-GOG", "Swimming > Goggles", "swimming goggles", "goggles", ("Lagune",),
           ONE_SIZE, 1, ("Black", "Blue", "Turquoise", "Pink", "White"), (9, 39), 2,
           "lane swimming",
           ("Anti-fog lenses with UV protection.", "Four nose bridges for a watertight fit.")),
    Family("SKI-SKI", "Ski > Skis", "all-mountain ski", "skis", ("Glissade",),
           ("150 cm", "158 cm", "166 cm", "174 cm", "182 cm"), 4, ("Red", "Blue", "Black",
           "Orange"), (249, 749), 2, "the whole mountain",
           ("A rocker-camber profile floats in powder and grips on ice.",
            "A wood core gives a lively, damp ride.")),
    Family("SKI-JKT", "Ski > Jackets", "ski jacket", "jacket", ("Glissade", "Boréal Gear"),
           CLOTHING, 6, ("Red", "Navy", "Black", "White", "Turquoise", "Yellow"), (99, 399), 3,
           "cold days on the slopes",
           ("Synthetic insulation stays warm when damp.", "A powder skirt keeps snow out.",
            "A sleeve pocket holds the lift pass.")),
    Family("SKI-HELM", "Ski > Helmets", "ski helmet", "helmet", ("Glissade",), ("S", "M", "L"),
           3, ("Black", "White", "Red", "Blue"), (49, 199), 2, "piste and park",
           ("Adjustable vents and a removable ear pad.", "Certified EN 1077.")),
    Family("FIT-DUMB", "Fitness > Weights", "dumbbell", "dumbbell", ("Ferro Fit",),
           ("2 kg", "4 kg", "6 kg", "8 kg", "10 kg", "12 kg"), 6, ("Black", "Grey"), (9, 59),
           2, "strength training at home",
           ("A knurled handle for a sure grip.", "Rubber-coated heads protect the floor.")),
    Family("FIT-MAT", "Fitness > Yoga", "yoga mat", "mat", ("Ferro Fit",), ONE_SIZE, 1,
           ("Purple", "Turquoise", "Pink", "Grey", "Black"), (14, 69), 2, "yoga and pilates",
           ("6 mm of cushioning for the knees.", "A grippy surface on both faces.")),
    Family("FIT-WEAR", "Fitness > Clothing", "training leggings", "tights", ("Ferro Fit",),
           CLOTHING, 6, ("Black", "Navy", "Purple", "Pink", "Grey"), (19, 59), 3, "the gym",
           ("Squat-proof, four-way stretch fabric.", "A high waistband stays in place.")),
    Family("KID-SHOE", "Kids > Shoes", "kids' sneaker", "shoe", ("Pikaloo",), KIDS_SHOE_SIZES,
           6, ("Blue", "Pink", "Red", "Yellow", "Navy"), (24, 59), 3, "school and playground",
           ("Hook-and-loop straps kids fasten themselves.", "A toe bumper resists scuffs.")),
    Family("KID-JKT", "Kids > Jackets", "kids' jacket", "jacket", ("Pikaloo",), KIDS_CLOTHING,
           6, ("Blue", "Pink", "Yellow", "Red", "Green"), (29, 79), 3, "rainy days out",
           ("Waterproof, with a name label inside.", "Reflective piping for dark afternoons.")),
    Family("TEAM-BALL", "Team sports > Footballs", "football", "ball", ("Kopa",),
           ("3", "4", "5"), 3, ("White", "Yellow", "Orange"), (9, 39), 2, "training and matches",
           ("Thermo-bonded panels keep a true flight.", "A butyl bladder holds its air.")),
)  # fmt: skip
