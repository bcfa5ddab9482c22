// Plausible names for synthetic residents, written as on a passport and on
// the registration card: Roman letters, family name first. Small lists are
// enough: the names only have to look right for each nationality.

export type NameList = {
  family: readonly string[] | { M: readonly string[]; F: readonly string[] };
  given: { M: readonly string[]; F: readonly string[] };
  /** Myanmar names have no family name: two or three given parts. */
  noFamilyName?: boolean;
};

const CHINESE: NameList = {
  // Includes Korean-Chinese family names as Chinese passports write them (JIN 김, PIAO 박, CUI 최).
  family: ['WANG', 'LI', 'ZHANG', 'LIU', 'CHEN', 'YANG', 'ZHAO', 'HUANG', 'ZHOU', 'WU', 'JIN', 'PIAO', 'CUI', 'ZHENG', 'XU', 'SUN'],
  given: {
    M: ['WEI', 'HAO', 'JUN', 'LEI', 'YONG', 'QIANG', 'ZHIWEI', 'MINGHAO', 'JIANGUO', 'CHENGLONG', 'YUXUAN', 'ZHENGHU'],
    F: ['FANG', 'JING', 'LI', 'XIU', 'YAN', 'MEI', 'XIAOYAN', 'HUIMIN', 'YUQI', 'SHUFEN', 'MEIHUA', 'CHUNHUA'],
  },
};

const NAMES: Record<string, NameList> = {
  CN: CHINESE,
  TW: {
    family: ['CHEN', 'LIN', 'HUANG', 'CHANG', 'LEE', 'WANG', 'WU', 'LIU', 'TSAI', 'YANG'],
    given: { M: ['CHIH-HAO', 'CHUN-CHIEH', 'WEI-LUN', 'YU-HSIANG', 'CHIA-HAO'], F: ['SHU-FEN', 'YA-TING', 'HSIN-YI', 'MEI-LING', 'PEI-SHAN'] },
  },
  VN: {
    family: ['NGUYEN', 'TRAN', 'LE', 'PHAM', 'HOANG', 'HUYNH', 'PHAN', 'VU', 'VO', 'DANG', 'BUI', 'DO'],
    given: {
      M: ['VAN AN', 'VAN HUNG', 'DUC MINH', 'QUANG HUY', 'VAN TUAN', 'THANH LONG', 'HOANG NAM', 'VAN DUNG', 'MINH KHOA', 'DINH PHUC'],
      F: ['THI LAN', 'THI HOA', 'THI MAI', 'THU HA', 'NGOC ANH', 'THI HUONG', 'THANH THAO', 'THI TRANG', 'MY LINH', 'THI NGA'],
    },
  },
  NP: {
    family: ['SHRESTHA', 'GURUNG', 'TAMANG', 'MAGAR', 'RAI', 'THAPA', 'SHARMA', 'KARKI', 'ADHIKARI', 'LIMBU', 'BHANDARI', 'POUDEL'],
    given: { M: ['RAM', 'BIKASH', 'SURESH', 'ANIL', 'DIPAK', 'RAJESH', 'SANTOSH', 'BINOD'], F: ['SITA', 'GITA', 'SARITA', 'ANJALI', 'PUJA', 'SUNITA', 'KABITA', 'RITA'] },
  },
  UZ: {
    family: {
      M: ['KARIMOV', 'RAKHIMOV', 'YUSUPOV', 'ALIEV', 'TASHKENTOV', 'NURMATOV', 'SAIDOV', 'ERGASHEV', 'KIM', 'TEN'],
      F: ['KARIMOVA', 'RAKHIMOVA', 'YUSUPOVA', 'ALIEVA', 'NURMATOVA', 'SAIDOVA', 'ERGASHEVA', 'KIM', 'TEN', 'PAK'],
    },
    given: { M: ['JAMSHID', 'SARDOR', 'BEKZOD', 'OTABEK', 'AZIZ', 'RUSTAM', 'SHERZOD', 'DILSHOD'], F: ['DILNOZA', 'MADINA', 'NILUFAR', 'GULNORA', 'SHAHNOZA', 'MALIKA', 'FERUZA', 'ZARINA'] },
  },
  KH: {
    family: ['SOK', 'CHAN', 'KIM', 'LY', 'SENG', 'PHAL', 'HENG', 'CHEA', 'NOUN', 'SAM', 'VANN', 'MEAS'],
    given: { M: ['DARA', 'SOPHEAK', 'VIBOL', 'RITHY', 'SAMNANG', 'VANNAK', 'PISETH', 'BORA'], F: ['SREYMOM', 'CHANTHA', 'SOPHEA', 'DAVY', 'SREYNEANG', 'BOPHA', 'CHENDA', 'RACHANA'] },
  },
  TH: {
    family: ['SRISUK', 'WONGSA', 'CHAIYAPHUM', 'SAETANG', 'BUNMA', 'THONGDEE', 'KAEWMANEE', 'PHROMMA', 'SUKSAWAT', 'RATTANA'],
    given: { M: ['SOMCHAI', 'SOMSAK', 'PRASERT', 'ANAN', 'WICHAI', 'KITTI', 'NATTAPONG', 'THANAKORN'], F: ['SOMPHONG', 'MALEE', 'SUDA', 'PORNTIP', 'WANIDA', 'SIRIPORN', 'NATTAYA', 'KANYA'] },
  },
  ID: {
    family: ['SANTOSO', 'WIJAYA', 'SAPUTRA', 'HIDAYAT', 'PRATAMA', 'KURNIAWAN', 'SETIAWAN', 'NUGROHO', 'RAHMAN', 'SUSANTO'],
    given: { M: ['BUDI', 'AGUS', 'RIZKY', 'ADI', 'DEDI', 'FAJAR', 'HENDRA', 'ANDI'], F: ['SITI', 'DEWI', 'PUTRI', 'AYU', 'RINA', 'FITRI', 'INDAH', 'LESTARI'] },
  },
  MY: {
    family: ['BIN ABDULLAH', 'BIN ISMAIL', 'BINTI AHMAD', 'BIN HASSAN', 'TAN', 'LIM', 'WONG'],
    given: { M: ['MUHAMMAD', 'AHMAD', 'HAFIZ', 'ZUL', 'WEI JIE'], F: ['NUR AISYAH', 'SITI NURHALIZA', 'FARAH', 'MEI LING', 'AINA'] },
  },
  PH: {
    family: ['SANTOS', 'REYES', 'CRUZ', 'BAUTISTA', 'OCAMPO', 'GARCIA', 'MENDOZA', 'TORRES', 'DELA CRUZ', 'AQUINO', 'RAMOS', 'VILLANUEVA'],
    given: { M: ['JOSE', 'MARK ANTHONY', 'JOHN PAUL', 'RICARDO', 'JUN', 'MICHAEL', 'RODEL', 'JERICHO'], F: ['MARIA', 'JOCELYN', 'MARICEL', 'ANALYN', 'KRISTINE', 'ROSALIE', 'JENNIFER', 'LOVELY'] },
  },
  MN: {
    // Mongolian passports put the father's name (here "family") before the given name.
    family: ['BATBAYAR', 'GANBOLD', 'TSEND', 'DORJ', 'BOLD', 'ERDENE', 'SUKH', 'OCHIR', 'BAATAR', 'NAMSRAI'],
    given: { M: ['TEMUULEN', 'BAT-ERDENE', 'GANZORIG', 'MUNKH-ERDENE', 'ENKHBAYAR', 'TUGULDUR'], F: ['ANUJIN', 'NOMIN', 'SARANGEREL', 'ODGEREL', 'KHULAN', 'UNURJARGAL'] },
  },
  MM: {
    noFamilyName: true,
    family: [],
    given: { M: ['AUNG', 'KYAW', 'MIN', 'THANT', 'ZAW', 'HTET', 'NAING', 'SOE', 'WIN', 'TUN'], F: ['AYE', 'THIDA', 'SU', 'MYAT', 'KHIN', 'NANDAR', 'HNIN', 'MOE', 'PHYU', 'EI'] },
  },
  LK: {
    family: ['PERERA', 'FERNANDO', 'SILVA', 'JAYASINGHE', 'BANDARA', 'DISSANAYAKE', 'RATNAYAKE', 'WICKRAMASINGHE', 'HERATH', 'KUMARA'],
    given: { M: ['NUWAN', 'KASUN', 'CHAMARA', 'PRASAD', 'DINESH', 'LAHIRU', 'SAMAN', 'RUWAN'], F: ['NADEESHA', 'DILINI', 'CHATHURIKA', 'SANDUNI', 'NIROSHA', 'THARUSHI', 'KUMARI', 'ISHARA'] },
  },
  BD: {
    family: ['HOSSAIN', 'RAHMAN', 'ISLAM', 'AHMED', 'UDDIN', 'KHAN', 'MIAH', 'SARKAR', 'CHOWDHURY', 'ALAM'],
    given: { M: ['MD RASEL', 'MD KAMAL', 'SHAHIDUL', 'MONIR', 'ARIF', 'SUMON', 'RAKIB', 'MASUD'], F: ['NASRIN', 'FATEMA', 'SHIRIN', 'RUMA', 'TASLIMA', 'SHARMIN', 'NUSRAT', 'MIM'] },
  },
  PK: {
    family: ['KHAN', 'AHMED', 'ALI', 'HUSSAIN', 'BUTT', 'CHAUDHRY', 'MALIK', 'QURESHI', 'SHEIKH', 'RAZA'],
    given: { M: ['MUHAMMAD ASIF', 'IMRAN', 'BILAL', 'USMAN', 'KAMRAN', 'FAISAL', 'HAMZA', 'ZEESHAN'], F: ['AYESHA', 'FATIMA', 'SANA', 'HINA', 'MARIAM', 'SADIA', 'NIDA', 'ZAINAB'] },
  },
  IN: {
    family: ['SHARMA', 'SINGH', 'KUMAR', 'PATEL', 'REDDY', 'NAIR', 'GUPTA', 'IYER', 'DAS', 'RAO'],
    given: { M: ['RAHUL', 'ARJUN', 'VIKRAM', 'ANAND', 'SURESH', 'KARTHIK', 'ROHIT', 'AMIT'], F: ['PRIYA', 'ANJALI', 'DIVYA', 'LAKSHMI', 'NEHA', 'KAVYA', 'POOJA', 'DEEPA'] },
  },
  JP: {
    family: ['SATO', 'SUZUKI', 'TAKAHASHI', 'TANAKA', 'WATANABE', 'ITO', 'YAMAMOTO', 'NAKAMURA', 'KOBAYASHI', 'KATO'],
    given: { M: ['HIROSHI', 'TAKESHI', 'KENTA', 'DAISUKE', 'SHOTA', 'YUTA', 'KENJI', 'RYO'], F: ['YUKI', 'AYAKA', 'MISAKI', 'HARUKA', 'YOKO', 'KEIKO', 'NAOMI', 'SAKURA'] },
  },
  LA: {
    family: ['PHOMMAVONG', 'SOUVANNAVONG', 'KEOMANY', 'VONGSAVATH', 'SISOUPHANH', 'INTHAVONG', 'CHANTHAVONG', 'SAYASITH'],
    given: { M: ['SOMPHONE', 'BOUNMY', 'KHAMPHET', 'VIENGSAY', 'SOUKSAVANH', 'PHOUVONG'], F: ['MANIVONE', 'VILAYVANH', 'KHAMLA', 'SOUPHAPHONE', 'NOY', 'PHETSAMONE'] },
  },
  TL: {
    family: ['DA SILVA', 'SOARES', 'XIMENES', 'PEREIRA', 'DOS SANTOS', 'DA COSTA', 'GUTERRES', 'BELO'],
    given: { M: ['JOAO', 'ANTONIO', 'MARIO', 'JOSE', 'AGOSTINHO', 'FRANCISCO'], F: ['MARIA', 'ANA', 'ROSA', 'JOANA', 'LUCIA', 'TERESA'] },
  },
  RU: {
    family: {
      M: ['IVANOV', 'SMIRNOV', 'KUZNETSOV', 'POPOV', 'VASILEV', 'PETROV', 'SOKOLOV', 'KIM', 'LI', 'PAK'],
      F: ['IVANOVA', 'SMIRNOVA', 'KUZNETSOVA', 'POPOVA', 'VASILEVA', 'PETROVA', 'SOKOLOVA', 'KIM', 'LI', 'PAK'],
    },
    given: { M: ['ALEKSANDR', 'DMITRII', 'SERGEI', 'ANDREI', 'MAKSIM', 'IVAN', 'NIKOLAI', 'ARTEM'], F: ['ELENA', 'OLGA', 'NATALIA', 'ANNA', 'TATIANA', 'IRINA', 'EKATERINA', 'MARIIA'] },
  },
  UA: {
    family: ['SHEVCHENKO', 'KOVALENKO', 'BONDARENKO', 'TKACHENKO', 'KRAVCHENKO', 'KIM', 'LI', 'PAK'],
    given: { M: ['OLEKSANDR', 'ANDRII', 'SERHII', 'VOLODYMYR', 'MYKOLA'], F: ['OLENA', 'IRYNA', 'OKSANA', 'NATALIIA', 'YULIIA'] },
  },
  KZ: {
    family: {
      M: ['NURLANOV', 'ZHUMABAEV', 'SEITKALI', 'TOKTAROV', 'ABDRAKHMANOV', 'KIM', 'TSOI', 'PAK'],
      F: ['NURLANOVA', 'ZHUMABAEVA', 'SEITKALI', 'TOKTAROVA', 'ABDRAKHMANOVA', 'KIM', 'TSOI', 'PAK'],
    },
    given: { M: ['NURSULTAN', 'YERLAN', 'DAULET', 'ASKAR', 'ARMAN', 'YERZHAN'], F: ['AIGERIM', 'DINARA', 'ASEL', 'ZHANAR', 'GULNAR', 'AIZHAN'] },
  },
  KG: {
    family: {
      M: ['ASANOV', 'TOKTOGULOV', 'SADYKOV', 'ISMAILOV', 'ABDYKADYROV', 'KIM'],
      F: ['ASANOVA', 'TOKTOGULOVA', 'SADYKOVA', 'ISMAILOVA', 'ABDYKADYROVA', 'KIM'],
    },
    given: { M: ['ERMEK', 'NURLAN', 'BAKYT', 'AZAMAT', 'TALANT', 'MIRLAN'], F: ['AIDA', 'GULZAT', 'CHOLPON', 'NAZIRA', 'AIPERI', 'JYLDYZ'] },
  },
  EG: {
    family: ['MOHAMED', 'AHMED', 'HASSAN', 'MAHMOUD', 'IBRAHIM', 'ABDELRAHMAN', 'MOSTAFA', 'SAYED'],
    given: { M: ['OMAR', 'YOUSSEF', 'KARIM', 'TAREK', 'AHMED', 'MOHAMED'], F: ['NOUR', 'MARIAM', 'SALMA', 'YASMINE', 'FATMA', 'HANA'] },
  },
  JO: {
    family: ['AL-KHATIB', 'HADDAD', 'AL-MASRI', 'ABU-ZAID', 'NASSER', 'HAMDAN'],
    given: { M: ['ZAID', 'OMAR', 'RAMI', 'FADI', 'SAMI'], F: ['LAYLA', 'RANA', 'DANA', 'LINA', 'SARA'] },
  },
  MA: {
    family: ['EL AMRANI', 'BENNANI', 'EL IDRISSI', 'ALAOUI', 'TAZI', 'BERRADA'],
    given: { M: ['YOUSSEF', 'MEHDI', 'HAMZA', 'AYOUB', 'ANAS'], F: ['FATIMA ZAHRA', 'KHADIJA', 'SALMA', 'IMANE', 'HOUDA'] },
  },
  SA: {
    family: ['AL-QAHTANI', 'AL-GHAMDI', 'AL-OTAIBI', 'AL-HARBI', 'AL-SHEHRI', 'AL-ZAHRANI'],
    given: { M: ['ABDULLAH', 'FAISAL', 'KHALID', 'SAUD', 'TURKI'], F: ['NORAH', 'REEM', 'SARA', 'LAMA', 'HESSA'] },
  },
  IR: {
    family: ['HOSSEINI', 'AHMADI', 'MOHAMMADI', 'REZAEI', 'KARIMI', 'MOUSAVI'],
    given: { M: ['ALI', 'REZA', 'MEHDI', 'AMIR', 'HAMID'], F: ['ZAHRA', 'MARYAM', 'FATEMEH', 'NEDA', 'SHIRIN'] },
  },
  TR: {
    family: ['YILMAZ', 'KAYA', 'DEMIR', 'SAHIN', 'CELIK', 'YILDIZ', 'AYDIN', 'OZTURK'],
    given: { M: ['MEHMET', 'MUSTAFA', 'AHMET', 'EMRE', 'BURAK'], F: ['AYSE', 'FATMA', 'ZEYNEP', 'ELIF', 'MERVE'] },
  },
  NG: {
    family: ['OKAFOR', 'ADEYEMI', 'OKONKWO', 'BELLO', 'EZE', 'OLUWASEUN', 'IBRAHIM', 'NWOSU'],
    given: { M: ['CHINEDU', 'EMEKA', 'TUNDE', 'IFEANYI', 'SEGUN'], F: ['CHIOMA', 'NGOZI', 'FUNMILAYO', 'AMAKA', 'BLESSING'] },
  },
  GH: {
    family: ['MENSAH', 'BOATENG', 'OWUSU', 'ASANTE', 'OSEI', 'ADJEI'],
    given: { M: ['KWAME', 'KOFI', 'KWAKU', 'YAW', 'KOJO'], F: ['AMA', 'AKOSUA', 'ABENA', 'EFUA', 'ADWOA'] },
  },
  KE: {
    family: ['OTIENO', 'WANJIRU', 'KAMAU', 'MWANGI', 'OCHIENG', 'KIPROTICH'],
    given: { M: ['BRIAN', 'KEVIN', 'DENNIS', 'COLLINS', 'PETER'], F: ['FAITH', 'MERCY', 'GRACE', 'JOY', 'ANNE'] },
  },
  BR: {
    family: ['SILVA', 'SANTOS', 'OLIVEIRA', 'SOUZA', 'LIMA', 'PEREIRA', 'COSTA', 'RODRIGUES'],
    given: { M: ['LUCAS', 'GABRIEL', 'MATHEUS', 'RAFAEL', 'PEDRO'], F: ['ANA', 'JULIANA', 'BEATRIZ', 'LARISSA', 'CAMILA'] },
  },
  MX: {
    family: ['HERNANDEZ', 'GARCIA', 'MARTINEZ', 'LOPEZ', 'GONZALEZ', 'PEREZ', 'SANCHEZ', 'RAMIREZ'],
    given: { M: ['JOSE LUIS', 'CARLOS', 'ALEJANDRO', 'MIGUEL', 'JORGE'], F: ['GUADALUPE', 'MARIANA', 'DANIELA', 'FERNANDA', 'SOFIA'] },
  },
  FR: {
    family: ['MARTIN', 'BERNARD', 'DUBOIS', 'THOMAS', 'ROBERT', 'PETIT', 'DURAND', 'LEROY'],
    given: { M: ['THOMAS', 'NICOLAS', 'JULIEN', 'PIERRE', 'ANTOINE'], F: ['CAMILLE', 'MARIE', 'CHLOE', 'LEA', 'MANON'] },
  },
  DE: {
    family: ['MULLER', 'SCHMIDT', 'SCHNEIDER', 'FISCHER', 'WEBER', 'MEYER', 'WAGNER', 'BECKER'],
    given: { M: ['LUKAS', 'JONAS', 'FELIX', 'MAXIMILIAN', 'TOBIAS'], F: ['LAURA', 'JULIA', 'LENA', 'ANNA', 'SARAH'] },
  },
  IT: {
    family: ['ROSSI', 'RUSSO', 'FERRARI', 'ESPOSITO', 'BIANCHI', 'ROMANO', 'COLOMBO', 'RICCI'],
    given: { M: ['MARCO', 'ALESSANDRO', 'LUCA', 'MATTEO', 'GIOVANNI'], F: ['GIULIA', 'CHIARA', 'FRANCESCA', 'SARA', 'MARTINA'] },
  },
  SG: {
    family: ['TAN', 'LIM', 'LEE', 'NG', 'ONG', 'WONG', 'GOH', 'CHUA'],
    given: { M: ['WEI MING', 'JUN JIE', 'ZHI HAO', 'KAI WEN', 'ARJUN'], F: ['HUI MIN', 'XIN YI', 'SHU TING', 'JIA HUI', 'PRIYA'] },
  },
  FJ: {
    family: ['NAIVALU', 'TUILAGI', 'RATU', 'KOROI', 'VAKACEGU', 'SINGH'],
    given: { M: ['JOSAIA', 'SEMI', 'ILAISA', 'VILIAME', 'RAJESH'], F: ['MERE', 'LUSIANA', 'ADI', 'SERA', 'ANJALI'] },
  },
};

const ENGLISH: NameList = {
  // Includes overseas-Korean family names (KIM, LEE, PARK) common among F-4 holders.
  family: ['SMITH', 'JOHNSON', 'WILLIAMS', 'BROWN', 'JONES', 'MILLER', 'DAVIS', 'WILSON', 'TAYLOR', 'ANDERSON', 'KIM', 'LEE', 'PARK', 'CHOI'],
  given: {
    M: ['JAMES', 'MICHAEL', 'DAVID', 'DANIEL', 'ANDREW', 'RYAN', 'JOSHUA', 'MATTHEW', 'JUSTIN', 'KEVIN'],
    F: ['JENNIFER', 'SARAH', 'EMILY', 'JESSICA', 'ASHLEY', 'RACHEL', 'HANNAH', 'GRACE', 'OLIVIA', 'EMMA'],
  },
};

for (const code of ['US', 'CA', 'GB', 'AU', 'NZ', 'ZA']) NAMES[code] = ENGLISH;

export function nameListFor(nationality: string): NameList {
  return NAMES[nationality] ?? ENGLISH;
}

/** Nationalities that have their own name list (the rest use the English list). */
export function hasOwnNameList(nationality: string): boolean {
  return nationality in NAMES && NAMES[nationality] !== ENGLISH;
}
