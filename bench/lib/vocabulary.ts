/*
 * Words the generated customers are made of. Persian names carry a Latin spelling for their email
 * addresses. A few names contain a ZWNJ (نیک‌نام) or an Arabic-looking letter sequence on purpose:
 * real data does, and normalisation, search and dedupe have to cope with it.
 */

export type Named = readonly [fa: string, latin: string];

export const PERSIAN_MALE_NAMES: readonly Named[] = [
  ['محمد', 'mohammad'], ['علی', 'ali'], ['حسین', 'hossein'], ['رضا', 'reza'], ['مهدی', 'mahdi'],
  ['امیر', 'amir'], ['حمید', 'hamid'], ['سعید', 'saeed'], ['مجید', 'majid'], ['احمد', 'ahmad'],
  ['مصطفی', 'mostafa'], ['جواد', 'javad'], ['کامران', 'kamran'], ['بهروز', 'behrouz'], ['آرش', 'arash'],
  ['سینا', 'sina'], ['پویا', 'pouya'], ['کیوان', 'keyvan'], ['فرهاد', 'farhad'], ['داریوش', 'dariush'],
  ['امیرحسین', 'amirhossein'], ['محمدرضا', 'mohammadreza'], ['ابوالفضل', 'abolfazl'], ['یاسین', 'yasin'],
  ['مهران', 'mehran'], ['بابک', 'babak'], ['کوروش', 'kourosh'], ['میلاد', 'milad'], ['نیما', 'nima'],
  ['اسماعیل', 'esmaeil'],
];

export const PERSIAN_FEMALE_NAMES: readonly Named[] = [
  ['زهرا', 'zahra'], ['فاطمه', 'fatemeh'], ['مریم', 'maryam'], ['سارا', 'sara'], ['نرگس', 'narges'],
  ['مهسا', 'mahsa'], ['الهام', 'elham'], ['لیلا', 'leila'], ['نگار', 'negar'], ['شیرین', 'shirin'],
  ['سمیرا', 'samira'], ['پریسا', 'parisa'], ['آزاده', 'azadeh'], ['مینا', 'mina'], ['هانیه', 'haniyeh'],
  ['ریحانه', 'reyhaneh'], ['فرشته', 'fereshteh'], ['طاهره', 'tahereh'], ['کوثر', 'kowsar'], ['یگانه', 'yeganeh'],
  ['ستاره', 'setareh'], ['نازنین', 'nazanin'], ['آیدا', 'aida'], ['الناز', 'elnaz'], ['پرستو', 'parastoo'],
  ['شقایق', 'shaghayegh'], ['مهتاب', 'mahtab'], ['رویا', 'roya'], ['سپیده', 'sepideh'], ['عاطفه', 'atefeh'],
];

export const PERSIAN_LAST_NAMES: readonly Named[] = [
  ['حسینی', 'hosseini'], ['کریمی', 'karimi'], ['محمدی', 'mohammadi'], ['رضایی', 'rezaei'], ['احمدی', 'ahmadi'],
  ['موسوی', 'mousavi'], ['جعفری', 'jafari'], ['صادقی', 'sadeghi'], ['رحیمی', 'rahimi'], ['کاظمی', 'kazemi'],
  ['قاسمی', 'ghasemi'], ['نوری', 'nouri'], ['حیدری', 'heydari'], ['طاهری', 'taheri'], ['شریفی', 'sharifi'],
  ['اکبری', 'akbari'], ['عباسی', 'abbasi'], ['نجفی', 'najafi'], ['تهرانی', 'tehrani'], ['اصفهانی', 'esfahani'],
  ['شیرازی', 'shirazi'], ['فراهانی', 'farahani'], ['میرزایی', 'mirzaei'], ['زارعی', 'zarei'], ['یزدانی', 'yazdani'],
  ['سلطانی', 'soltani'], ['بهرامی', 'bahrami'], ['افشار', 'afshar'], ['امیری', 'amiri'], ['نیک‌نام', 'niknam'],
  ['پورمحمدی', 'pourmohammadi'], ['خسروی', 'khosravi'], ['ملک‌زاده', 'malekzadeh'], ['رستمی', 'rostami'],
  ['کرمانی', 'kermani'], ['اسدی', 'asadi'], ['قربانی', 'ghorbani'], ['نظری', 'nazari'], ['فرجی', 'faraji'],
  ['دهقان', 'dehghan'],
];

export const ENGLISH_FIRST_NAMES: readonly (readonly [name: string, gender: 'male' | 'female'])[] = [
  ['James', 'male'], ['Emma', 'female'], ['Oliver', 'male'], ['Sophia', 'female'], ['Liam', 'male'],
  ['Olivia', 'female'], ['Noah', 'male'], ['Ava', 'female'], ['William', 'male'], ['Isabella', 'female'],
  ['Lucas', 'male'], ['Mia', 'female'], ['David', 'male'], ['Sarah', 'female'], ['Daniel', 'male'],
  ['Laura', 'female'], ['Thomas', 'male'], ['Anna', 'female'], ['Michael', 'male'], ['Julia', 'female'],
  ['Ethan', 'male'], ['Chloe', 'female'],
];

export const ENGLISH_LAST_NAMES: readonly Named[] = [
  ['Smith', 'smith'], ['Johnson', 'johnson'], ['Brown', 'brown'], ['Taylor', 'taylor'], ['Wilson', 'wilson'],
  ['Davies', 'davies'], ['Evans', 'evans'], ['Roberts', 'roberts'], ['Walker', 'walker'], ['Wright', 'wright'],
  ['Schultz', 'schultz'], ['Müller', 'mueller'], ['Chen', 'chen'], ['Nguyen', 'nguyen'], ['García', 'garcia'],
  ['Martin', 'martin'], ['Rossi', 'rossi'], ['Kowalski', 'kowalski'], ['Andersson', 'andersson'], ["O'Brien", 'obrien'],
];

export const PERSONAL_EMAIL_DOMAINS = ['gmail.com', 'yahoo.com', 'chmail.ir', 'outlook.com', 'mail.ir'] as const;

/** [fa, en, area code, weight]: Tehran dominates, as it does in most Iranian customer bases. */
export const CITIES: readonly (readonly [fa: string, en: string, areaCode: string, weight: number])[] = [
  ['تهران', 'Tehran', '21', 40], ['مشهد', 'Mashhad', '51', 8], ['اصفهان', 'Isfahan', '31', 8],
  ['شیراز', 'Shiraz', '71', 6], ['تبریز', 'Tabriz', '41', 6], ['کرج', 'Karaj', '26', 6],
  ['اهواز', 'Ahvaz', '61', 4], ['قم', 'Qom', '25', 4], ['کرمانشاه', 'Kermanshah', '83', 3],
  ['رشت', 'Rasht', '13', 4], ['یزد', 'Yazd', '35', 3], ['کرمان', 'Kerman', '34', 3],
  ['ارومیه', 'Urmia', '44', 2], ['بندرعباس', 'Bandar Abbas', '76', 3],
];

/** Operator prefixes after the leading 9 (0912 → '12'): MCI, Irancell, RighTel. */
export const MOBILE_PREFIXES = [
  '12', '19', '13', '11', '14', '15', '16', '17', '18', '10', '90', '91', '92', '93', '94',
  '35', '36', '37', '38', '39', '30', '33', '01', '02', '03', '05', '21', '22',
] as const;

export const ORGANIZATION_KINDS_FA = ['صنایع', 'شرکت', 'گروه', 'بازرگانی', 'تولیدی', 'هلدینگ', 'مجتمع'] as const;

/** [fa, en, industry key] */
export const INDUSTRIES: readonly (readonly [fa: string, en: string, key: string])[] = [
  ['غذایی', 'Food', 'food'], ['فولاد', 'Steel', 'steel'], ['نساجی', 'Textile', 'textile'],
  ['داروسازی', 'Pharmaceuticals', 'pharma'], ['پتروشیمی', 'Petrochemicals', 'petrochemical'],
  ['نرم‌افزاری', 'Software', 'software'], ['ساختمانی', 'Construction', 'construction'],
  ['حمل‌ونقل', 'Logistics', 'logistics'], ['لبنی', 'Dairy', 'dairy'], ['آرایشی و بهداشتی', 'Cosmetics', 'cosmetics'],
  ['کشاورزی', 'Agriculture', 'agriculture'], ['الکترونیک', 'Electronics', 'electronics'],
  ['تجهیزات پزشکی', 'Medical Equipment', 'medical'], ['چاپ و بسته‌بندی', 'Packaging', 'packaging'],
  ['صنعتی', 'Industrial', 'industrial'],
];

export const BRANDS: readonly Named[] = [
  ['آوا', 'ava'], ['پارس', 'pars'], ['سپهر', 'sepehr'], ['آریا', 'aria'], ['البرز', 'alborz'], ['دنا', 'dena'],
  ['کوثر', 'kowsar'], ['مهرگان', 'mehregan'], ['نوین', 'novin'], ['پیشگامان', 'pishgaman'], ['زاگرس', 'zagros'],
  ['سیمرغ', 'simorgh'], ['آفتاب', 'aftab'], ['تابان', 'taban'], ['بهار', 'bahar'], ['رایان', 'rayan'],
  ['آسمان', 'asman'], ['کاوه', 'kaveh'], ['هامون', 'hamoun'], ['ارغوان', 'arghavan'], ['نگین', 'negin'],
  ['شایان', 'shayan'], ['پرتو', 'partow'], ['سهند', 'sahand'],
];

export const ENGLISH_BRANDS = [
  'Northwind', 'Bluegate', 'Silverline', 'Crestview', 'Evergreen', 'Atlas', 'Horizon', 'Summit', 'Redwood',
  'Lumen', 'Keystone', 'Meridian',
] as const;

export const ENGLISH_COMPANY_SUFFIXES = ['Ltd', 'GmbH', 'Inc.', 'LLC', 'Co.', 'FZE'] as const;

export const ORGANIZATION_TYPES: readonly (readonly [string, number])[] = [
  ['customer', 50], ['prospect', 25], ['partner', 7], ['distributor', 8], ['supplier', 7], ['competitor', 3],
];

export type ActivityType = 'call' | 'meeting' | 'email' | 'sms' | 'chat' | 'note';

export const ACTIVITY_TYPES: readonly (readonly [ActivityType, number])[] = [
  ['call', 35], ['email', 20], ['meeting', 10], ['sms', 15], ['chat', 10], ['note', 10],
];

/** [fa, en] subjects per activity type. */
export const ACTIVITY_SUBJECTS: Record<ActivityType, readonly Named[]> = {
  call: [
    ['تماس پیگیری پیش‌فاکتور', 'Follow-up call on the quote'],
    ['تماس دربارهٔ زمان تحویل سفارش', 'Call about the delivery date'],
    ['پاسخ به تماس مشتری دربارهٔ گارانتی', 'Returned the customer’s call about the warranty'],
    ['تماس معرفی محصول جدید', 'Intro call for the new product'],
    ['پیگیری تسویه فاکتور معوق', 'Chased the overdue invoice'],
  ],
  meeting: [
    ['جلسهٔ معرفی محصول در دفتر مشتری', 'Product demo at the customer’s office'],
    ['جلسهٔ مذاکرهٔ قرارداد سالانه', 'Annual contract negotiation'],
    ['بازدید از کارخانه', 'Factory visit'],
    ['جلسهٔ بررسی رضایت مشتری', 'Customer satisfaction review'],
  ],
  email: [
    ['ارسال کاتالوگ و لیست قیمت', 'Sent the catalogue and price list'],
    ['ارسال پیش‌فاکتور شمارهٔ ۲۴۰۸', 'Sent quote no. 2408'],
    ['پاسخ به درخواست مرجوعی کالا', 'Answered the return request'],
    ['دعوت به نمایشگاه بین‌المللی تهران', 'Invitation to the Tehran International Fair'],
  ],
  sms: [
    ['پیامک یادآوری پرداخت قسط', 'Instalment reminder SMS'],
    ['پیامک تبریک تولد', 'Birthday greeting SMS'],
    ['پیامک ارسال کد رهگیری مرسوله', 'SMS with the parcel tracking code'],
    ['پیامک تخفیف ویژهٔ نوروز', 'Nowruz discount SMS'],
  ],
  chat: [
    ['گفتگو دربارهٔ شرایط تحویل', 'Chat about delivery terms'],
    ['پرسش دربارهٔ موجودی انبار', 'Question about stock availability'],
    ['ثبت شکایت از تأخیر ارسال', 'Complaint about a late delivery'],
  ],
  note: [
    ['مشتری به خرید عمده علاقه‌مند است', 'Customer is interested in a bulk order'],
    ['قرار بعدی بعد از تعطیلات نوروز', 'Next meeting after the Nowruz holidays'],
    ['رقیب پیشنهاد ارزان‌تری داده است', 'A competitor made a cheaper offer'],
    ['کارت ویزیت مدیر خرید دریافت شد', 'Got the purchasing manager’s business card'],
  ],
};

/** [fa, en, unit price in rials (min, max)] */
export const PRODUCTS: readonly (readonly [fa: string, en: string, min: number, max: number])[] = [
  ['روغن مایع ۱٫۵ لیتری (کارتن)', 'Cooking oil 1.5 l (carton)', 18_000_000, 32_000_000],
  ['ورق فولادی گرم (تن)', 'Hot-rolled steel sheet (tonne)', 350_000_000, 520_000_000],
  ['پارچهٔ پنبه‌ای (طاقه)', 'Cotton fabric (bolt)', 9_000_000, 25_000_000],
  ['لپ‌تاپ اداری', 'Office laptop', 380_000_000, 900_000_000],
  ['اشتراک سالانهٔ نرم‌افزار حسابداری', 'Accounting software, yearly licence', 120_000_000, 450_000_000],
  ['دستگاه تصفیهٔ آب', 'Water purifier', 95_000_000, 210_000_000],
  ['شیر پاستوریزه (پالت)', 'Pasteurised milk (pallet)', 60_000_000, 110_000_000],
  ['کارتن بسته‌بندی پنج‌لایه (هزار عدد)', 'Five-ply cartons (×1000)', 40_000_000, 85_000_000],
  ['خدمات نصب و راه‌اندازی', 'Installation and commissioning', 25_000_000, 150_000_000],
  ['قرارداد پشتیبانی سالانه', 'Annual support contract', 80_000_000, 600_000_000],
];

export const ORDER_STATUSES: readonly (readonly [string, number])[] = [
  ['paid', 65], ['invoiced', 15], ['pending', 10], ['cancelled', 6], ['refunded', 4],
];

export const ORDER_CHANNELS: readonly (readonly [string, number])[] = [
  ['online', 35], ['phone', 25], ['store', 15], ['distributor', 15], ['field_sales', 10],
];

export const DEAL_STAGES_FA = ['سرنخ', 'تماس اولیه', 'ارسال پیش‌فاکتور', 'مذاکره', 'برنده', 'بازنده'] as const;

export const LOST_REASONS_FA = ['قیمت بالا', 'زمان تحویل طولانی', 'انتخاب رقیب', 'لغو بودجه', 'عدم پاسخ'] as const;

export const NOTES_FA = [
  'مشتری تماس گرفت و درخواست تخفیف کرد.',
  'آدرس تحویل به شعبهٔ کرج تغییر کرد.',
  'پیش‌فاکتور اصلاح‌شده با قیمت جدید ارسال شد.',
  'مدیر خرید تا پایان ماه در سفر است.',
  'قرارداد برای امضا به واحد حقوقی رفت.',
  'مشتری از کیفیت بسته‌بندی ناراضی بود؛ مرجوعی ثبت شد.',
] as const;

/** [fa, en, country calling code, area code] for the English-named companies abroad. */
export const FOREIGN_CITIES: readonly (readonly [fa: string, en: string, country: string, area: string])[] = [
  ['دبی', 'Dubai', '971', '4'], ['استانبول', 'Istanbul', '90', '212'], ['هامبورگ', 'Hamburg', '49', '40'],
  ['ایروان', 'Yerevan', '374', '10'], ['شانگهای', 'Shanghai', '86', '21'],
];
