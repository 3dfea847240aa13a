package org.carelake.synthetic;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Given and family names as they are spread in North-West England, written from general knowledge
 * (no register was copied): per naming culture a list in rough order of frequency, drawn with a
 * Zipf-like skew so SMITH, JONES and KHAN are common and most names are rare, because term
 * frequency is what a linkage model weighs. Also the tables the identifier errors use: spelling
 * variants that sound the same, nicknames, and keyboard neighbours for typing slips.
 */
final class Names {
  /** Naming cultures; a person's family and given names are drawn from one (given names sometimes British). */
  enum Culture { BRITISH, IRISH, SOUTH_ASIAN, AFRICAN_CARIBBEAN, EASTERN_EUROPEAN, EAST_ASIAN }

  private static final String[][] FAMILY_BY_CULTURE = {
    { // British, Lancashire and Cheshire flavoured
      "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson", "Wright",
      "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson", "Clarke",
      "Harris", "Lewis", "Edwards", "Hughes", "Turner", "Hill", "Moore", "Cooper", "Martin", "Ward",
      "Baker", "Harrison", "Morris", "King", "Lee", "Allen", "Clark", "Mitchell", "Parker", "Young",
      "Scott", "Bennett", "Cook", "Wilkinson", "Holmes", "Lees", "Shaw", "Ashworth", "Whittaker", "Hargreaves",
      "Howarth", "Kershaw", "Schofield", "Butterworth", "Greenwood", "Holt", "Pilling", "Crompton", "Haworth", "Marsden",
      "Chadwick", "Openshaw", "Entwistle", "Fletcher", "Barlow", "Booth", "Bradshaw", "Brooks", "Buckley", "Burgess",
      "Carter", "Chapman", "Collier", "Dawson", "Dixon", "Ellis", "Fisher", "Foster", "Gibson", "Graham",
      "Grundy", "Hamilton", "Hardman", "Heywood", "Higham", "Hilton", "Holden", "Holland", "Hopkins", "Horrocks",
      "Hulme", "Hunt", "Jenkins", "Kay", "Kelsall", "Knowles", "Lancaster", "Lomax", "Lord", "Lowe",
      "Marshall", "Mason", "Matthews", "Mellor", "Morgan", "Murray", "Nuttall", "Ogden", "Owen", "Palmer",
      "Parkinson", "Pearson", "Phillips", "Platt", "Pollard", "Price", "Ramsden", "Rhodes", "Richardson", "Riley",
      "Rogers", "Rowlands", "Russell", "Sharples", "Simpson", "Slater", "Spencer", "Stevens", "Stott", "Sutcliffe",
      "Sutton", "Thomas", "Thorpe", "Tomlinson", "Walsh", "Warburton", "Watson", "Webb", "Wild", "Wolstenholme",
      "Woodward", "Yates", "Anderson", "Bailey", "Barker", "Barnes", "Bell", "Berry", "Bolton", "Bond",
      "Bradley", "Briggs", "Butler", "Campbell", "Chambers", "Cox", "Crossley", "Cunningham", "Dean", "Duckworth",
      "Fielding", "Ford", "Fox", "Gardner", "Gill", "Gordon", "Gregory", "Griffiths", "Hayes", "Heap",
      "Hewitt", "Hodgson", "Howard", "Hudson", "Hutchinson", "Ingham", "Kenyon", "Law", "Leigh", "Lloyd",
      "Long", "Lucas", "Mann", "Marsh", "Mills", "Moss", "Newton", "Nicholson", "Norris", "Oldham",
      "Parr", "Pemberton", "Perry", "Potts", "Powell", "Pritchard", "Rawlinson", "Read", "Reynolds", "Rigby",
      "Robertson", "Rose", "Ross", "Rowe", "Ryder", "Saunders", "Seddon", "Sharp", "Simmonds", "Stewart",
      "Stone", "Swift", "Tattersall", "Tyldesley", "Unsworth", "Walton", "Warren", "Waterhouse", "Watts", "Weston",
      "Whitehead", "Wolfenden", "Woolley", "Worthington", "Wyatt", "Atherton", "Bamford", "Battersby", "Birtwistle", "Brierley",
      "Cartwright", "Clegg", "Cropper", "Dewhurst", "Eckersley", "Fairclough", "Gaskell", "Hesketh", "Hindley", "Lever",
      "Marland", "Molyneux", "Pendlebury", "Prestwich", "Rostron", "Smethurst", "Starkie", "Tootill", "Wigglesworth", "Winstanley",
      "Ormerod", "Gray", "Reid", "Davis", "Philips", "Smith-Jones", "Lloyd-Davies", "Ashton-Hughes", "Taylor-Brown", "Macdonald"
    },
    { // Irish
      "Murphy", "Kelly", "O'Brien", "Byrne", "Ryan", "O'Connor", "O'Neill", "Doyle", "McCarthy", "Gallagher",
      "O'Sullivan", "McLaughlin", "Kennedy", "Lynch", "Quinn", "McGrath", "O'Reilly", "Brennan", "Burke", "Collins",
      "Connolly", "Daly", "Doherty", "Donnelly", "Duffy", "Fitzgerald", "Flanagan", "Flynn", "Hegarty", "Keane",
      "Kavanagh", "Maguire", "McDonagh", "McGuinness", "Mulligan", "Nolan", "O'Donnell", "O'Hara", "O'Rourke", "Reilly",
      "Sheridan", "Sweeney", "Tierney", "Whelan", "Carroll", "Farrell", "Hennessy", "Cassidy", "Devlin", "Delaney",
      "Costello", "Dunne"
    },
    { // South Asian: Pakistani, Bangladeshi and Indian heritage, as in Greater Manchester
      "Khan", "Hussain", "Ahmed", "Ali", "Begum", "Patel", "Akhtar", "Iqbal", "Shah", "Mahmood",
      "Rahman", "Bibi", "Mohammed", "Aslam", "Anwar", "Arshad", "Ashraf", "Aziz", "Butt", "Chaudhry",
      "Choudhury", "Malik", "Mirza", "Nawaz", "Qureshi", "Rafiq", "Rashid", "Raza", "Riaz", "Saleem",
      "Sarwar", "Shafiq", "Sharif", "Siddiqui", "Tariq", "Yousaf", "Zaman", "Akram", "Asghar", "Bashir",
      "Haider", "Hanif", "Hassan", "Haq", "Javed", "Kauser", "Latif", "Majid", "Mir", "Munir",
      "Nazir", "Sadiq", "Shahzad", "Sultan", "Uddin", "Islam", "Miah", "Ullah", "Mistry", "Desai",
      "Joshi", "Mehta", "Parmar", "Chauhan", "Kaur", "Singh", "Sharma", "Gupta", "Kumar", "Lal",
      "Solanki", "Sandhu", "Dhillon", "Bhatti", "Abbasi", "Rizvi", "D'Souza", "Pereira"
    },
    { // Black African and Caribbean heritage
      "Okafor", "Mensah", "Adeyemi", "Okonkwo", "Owusu", "Boateng", "Asante", "Osei", "Adebayo", "Oluwole",
      "Ogunleye", "Eze", "Nwosu", "Obi", "Chukwu", "Ibrahim", "Mohamud", "Abdi", "Farah", "Warsame",
      "Yusuf", "Ndlovu", "Moyo", "Dube", "Banda", "Phiri", "Mwangi", "Kamara", "Conteh", "Bangura",
      "Sesay", "Akinola", "Agyeman", "Appiah", "Darko", "Amoah", "Francis", "Samuels", "Forbes", "Grant",
      "McKenzie", "Henry", "Morrison", "Gayle", "Facey", "Beckford", "Lindo"
    },
    { // Polish and other Eastern European
      "Kowalski", "Nowak", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowski", "Zieliński", "Szymański", "Woźniak",
      "Dąbrowski", "Kozłowski", "Jankowski", "Mazur", "Kwiatkowski", "Krawczyk", "Kaczmarek", "Piotrowski", "Grabowski", "Zając",
      "Pawłowski", "Michalski", "Król", "Wieczorek", "Jabłoński", "Nowakowski", "Popescu", "Ionescu", "Popa", "Kazlauskas",
      "Petrauskas", "Jankauskas", "Horvat", "Ivanov", "Kovács", "Nagy", "Bērziņš"
    },
    { // Chinese and Vietnamese heritage
      "Wong", "Chan", "Li", "Wang", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao",
      "Wu", "Zhou", "Lam", "Cheung", "Ho", "Leung", "Ng", "Tang", "Lau", "Nguyen",
      "Tran", "Pham"
    }
  };

  /** British given names by birth cohort (born before 1960, 1960-1989, from 1990), most frequent first. */
  private static final String[][] BRITISH_MALE_BY_COHORT = {
    {
      "John", "David", "Michael", "Peter", "Robert", "William", "James", "Brian", "Alan", "Kenneth",
      "Ronald", "Derek", "Raymond", "Anthony", "Thomas", "George", "Keith", "Colin", "Barry", "Terence",
      "Dennis", "Roy", "Frank", "Frederick", "Albert", "Harold", "Ernest", "Stanley", "Leslie", "Norman",
      "Gordon", "Trevor", "Geoffrey", "Malcolm", "Charles", "Edward", "Arthur", "Walter", "Eric", "Donald",
      "Philip", "Patrick", "Graham", "Roger", "Richard", "Joseph", "Harry", "Jeffrey", "Alfred", "Bernard",
      "Douglas", "Leonard", "Sidney", "Cyril", "Clifford", "Dafydd"
    },
    {
      "Paul", "Mark", "David", "Andrew", "Stephen", "Richard", "Christopher", "Michael", "Ian", "Gary",
      "Darren", "Lee", "Craig", "Dean", "Wayne", "Carl", "Neil", "Martin", "Simon", "Stuart",
      "Jason", "Kevin", "Steven", "Jonathan", "Matthew", "Nicholas", "Timothy", "Sean", "Scott", "Daniel",
      "James", "John", "Robert", "Anthony", "Philip", "Graham", "Adam", "Ryan", "Jamie", "Peter",
      "Thomas", "Gregory", "Shaun", "Glenn", "Karl", "Russell", "Rhys", "Jean-Paul", "Alexander", "Benjamin"
    },
    {
      "Oliver", "Jack", "Harry", "George", "Noah", "Leo", "Arthur", "Oscar", "Charlie", "Thomas",
      "Joshua", "Samuel", "Joseph", "Jacob", "James", "William", "Daniel", "Alfie", "Freddie", "Archie",
      "Henry", "Theo", "Lucas", "Max", "Ethan", "Alexander", "Isaac", "Dylan", "Logan", "Finley",
      "Harrison", "Mason", "Lewis", "Tyler", "Jake", "Callum", "Kyle", "Jordan", "Bradley", "Luke",
      "Benjamin", "Nathan", "Aaron", "Jamie", "Liam", "Ryan", "Connor", "Reece", "Kieran", "Jayden",
      "Elliot", "Adam", "Matthew", "Aidan", "Rhys", "Sean", "Zachary", "Theodore", "Edward", "Louis"
    }
  };

  private static final String[][] BRITISH_FEMALE_BY_COHORT = {
    {
      "Margaret", "Patricia", "Barbara", "Christine", "Carol", "Linda", "Susan", "Mary", "Janet", "Pauline",
      "Sandra", "Brenda", "Jean", "Joan", "Dorothy", "Doreen", "Irene", "Eileen", "Sheila", "Maureen",
      "Marjorie", "Edna", "Ethel", "Anne", "Valerie", "Gillian", "Elizabeth", "Kathleen", "Jacqueline", "Beverley",
      "Teresa", "Josephine", "Elsie", "Florence", "Alice", "Hilda", "Vera", "Audrey", "Joyce", "Sylvia",
      "Barbara-Ann", "Bronwen", "Winifred"
    },
    {
      "Sarah", "Emma", "Claire", "Joanne", "Lisa", "Michelle", "Tracey", "Julie", "Karen", "Helen",
      "Amanda", "Donna", "Dawn", "Angela", "Alison", "Deborah", "Nicola", "Rachel", "Kelly", "Leanne",
      "Stacey", "Gemma", "Kirsty", "Danielle", "Samantha", "Victoria", "Louise", "Hayley", "Natalie", "Jennifer",
      "Caroline", "Catherine", "Katherine", "Kathryn", "Rebecca", "Laura", "Elizabeth", "Susan", "Kerry", "Lindsay",
      "Anne-Marie", "Mary-Jane", "Toni", "Siân", "Rhiannon", "Lucy", "Amy", "Jessica", "Hannah", "Charlotte",
      "Jacqueline", "Zoë", "Joanna", "Sharon"
    },
    {
      "Olivia", "Amelia", "Isla", "Ava", "Grace", "Sophie", "Emily", "Chloe", "Ella", "Lily",
      "Jessica", "Charlotte", "Lucy", "Hannah", "Ruby", "Freya", "Poppy", "Evie", "Isabella", "Mia",
      "Sophia", "Alice", "Florence", "Rosie", "Daisy", "Phoebe", "Matilda", "Ellie", "Millie", "Holly",
      "Megan", "Lauren", "Bethany", "Abigail", "Amy", "Katie", "Jade", "Zoë", "Eleanor", "Isobel",
      "Georgia", "Scarlett", "Maisie", "Harriet", "Esme", "Aria", "Layla", "Sienna", "Eva", "Willow",
      "Ivy", "Summer", "Elsie", "Ffion", "Cerys", "Caitlin", "Erin", "Molly", "Leah", "Jasmine",
      "Paige", "Chelsea", "Courtney", "Shannon", "Alexandra", "Rebecca", "Laura", "Emma", "Sarah", "Victoria"
    }
  };

  /** Given names of the other cultures (the British slot is unused: British names go by cohort). */
  private static final String[][] MALE_BY_CULTURE = {
    {},
    {"Conor", "Seán", "Ciarán", "Declan", "Niall", "Eoin", "Cian", "Oisín", "Padraig", "Rory", "Fionn", "Eamon"},
    {
      "Mohammed", "Muhammad", "Ibrahim", "Yusuf", "Ali", "Omar", "Hamza", "Bilal", "Imran", "Adnan",
      "Faisal", "Zain", "Ayaan", "Rayyan", "Zakariya", "Abdullah", "Usman", "Hassan", "Amir", "Tariq",
      "Shahid", "Asif", "Kamran", "Nadeem", "Waqar", "Zubair", "Arjun", "Rohan", "Vikram", "Rajesh",
      "Sanjay", "Gurpreet", "Amarjit", "Sunil", "Ravi", "Aryan", "Ishaan", "Mohammad", "Abdul", "Irfan"
    },
    {
      "Kwame", "Kofi", "Kwabena", "Emeka", "Chukwuemeka", "Oluwaseun", "Oluwatobi", "Tunde", "Femi", "Chinedu",
      "Obinna", "Abdi", "Abdirahman", "Mohamud", "Tendai", "Tafadzwa", "Delroy", "Winston", "Leroy", "Marlon",
      "Desmond", "Jermaine", "Tyrone"
    },
    {
      "Łukasz", "Piotr", "Krzysztof", "Tomasz", "Paweł", "Michał", "Marcin", "Jakub", "Mateusz", "Andrzej",
      "Kacper", "Szymon", "Bartosz", "Adrian", "Mihai", "Andrei", "Ionuț", "Darius", "Jonas", "Tomas",
      "Aleksander"
    },
    {"Wei", "Jun", "Hao", "Ming", "Jian", "Kai", "Minh", "Tuan", "Bao"}
  };

  private static final String[][] FEMALE_BY_CULTURE = {
    {},
    {"Niamh", "Aoife", "Siobhán", "Róisín", "Saoirse", "Ciara", "Orla", "Gráinne", "Sinéad", "Bridget", "Nuala"},
    {
      "Aisha", "Fatima", "Maryam", "Zainab", "Khadija", "Aaliyah", "Hafsa", "Sana", "Amina", "Ayesha",
      "Nadia", "Yasmin", "Samina", "Shazia", "Nasreen", "Parveen", "Rukhsana", "Farzana", "Shabana", "Nazia",
      "Saima", "Sadia", "Hira", "Iqra", "Zara", "Inaya", "Anaya", "Priya", "Anjali", "Pooja",
      "Simran", "Manjit", "Kiran", "Sunita", "Meera", "Nisha"
    },
    {
      "Ama", "Abena", "Akosua", "Efua", "Adwoa", "Chiamaka", "Ngozi", "Chioma", "Adaeze", "Funmilayo",
      "Folake", "Temitope", "Blessing", "Precious", "Favour", "Hodan", "Fadumo", "Ayan", "Sagal", "Rutendo",
      "Nokuthula", "Marcia", "Paulette", "Yvonne", "Maxine", "Shanice", "Tanisha"
    },
    {
      "Małgorzata", "Katarzyna", "Agnieszka", "Anna", "Magdalena", "Joanna", "Monika", "Aleksandra", "Natalia", "Julia",
      "Zuzanna", "Karolina", "Ewa", "Dorota", "Marta", "Oliwia", "Ioana", "Elena", "Andreea", "Gabriela",
      "Ieva", "Lina"
    },
    {"Mei", "Ling", "Xin", "Yan", "Hui", "Jing", "Lan", "Linh", "Mai"}
  };

  /** Spellings that sound alike; each group is read both ways (any member respells as another). */
  private static final String[][] SOUNDS_ALIKE = {
    {"Stephen", "Steven"}, {"Catherine", "Kathryn", "Katherine"}, {"Mohammed", "Muhammad", "Mohammad", "Mohamed"},
    {"Thompson", "Thomson"}, {"Philip", "Phillip"}, {"Phillips", "Philips"}, {"Clarke", "Clark"}, {"Davies", "Davis"},
    {"Matthews", "Mathews"}, {"Geoffrey", "Jeffrey"}, {"Sean", "Shaun", "Shawn"}, {"Aisha", "Ayesha"},
    {"Hussain", "Hussein", "Husain"}, {"Ahmed", "Ahmad"}, {"Chaudhry", "Choudhury", "Chowdhury"}, {"Siddiqui", "Siddiqi"},
    {"Rebecca", "Rebekah"}, {"Hannah", "Hanna"}, {"Sarah", "Sara"}, {"Leah", "Lea"}, {"Isobel", "Isabel", "Isabelle"},
    {"Caitlin", "Katelyn"}, {"Zoë", "Zoe"}, {"Siân", "Sian"}, {"Lewis", "Louis"}, {"Macdonald", "McDonald", "MacDonald"},
    {"McKenzie", "Mackenzie"}, {"Reid", "Reed"}, {"Gray", "Grey"}, {"Lee", "Leigh"}, {"Connor", "Conor"},
    {"Aidan", "Aiden"}, {"Jayden", "Jaden"}, {"Fatima", "Fatimah"}, {"Maryam", "Mariam"}, {"Yusuf", "Yousuf", "Yusef"},
    {"Abdullah", "Abdulla"}, {"Usman", "Osman"}, {"Omar", "Umar"}, {"Zainab", "Zaynab"}, {"Khadija", "Khadijah"},
    {"Amir", "Ameer"}, {"Hamza", "Hamzah"}, {"Ibrahim", "Ebrahim"}, {"Teresa", "Theresa"}, {"Anne", "Ann"},
    {"Gillian", "Jillian"}, {"Alan", "Allan", "Allen"}, {"Neil", "Neal"}, {"Brian", "Bryan"}, {"Carl", "Karl"},
    {"Kerry", "Kerri"}, {"Stacey", "Stacy"}, {"Tracey", "Tracy"}, {"Lindsay", "Lindsey"}, {"Leanne", "Lianne"},
    {"Jonathan", "Jonathon"}, {"Matthew", "Mathew"}, {"Nicola", "Nichola"}, {"Elliot", "Elliott"}, {"Stuart", "Stewart"},
    {"Walsh", "Welsh"}, {"O'Neill", "O'Neil"}, {"Nowak", "Novak"}, {"Akhtar", "Akhter"}, {"Rahman", "Rehman"},
    {"Mahmood", "Mahmud", "Mehmood"}, {"Qureshi", "Kureshi"}, {"Rashid", "Rasheed"}, {"Saleem", "Salim"},
    {"Haider", "Hyder"}, {"Raza", "Reza"}, {"Hassan", "Hasan"}, {"Łukasz", "Lukasz"}, {"Seán", "Sean"},
    {"Niamh", "Neve"}, {"Aoife", "Eefa"}, {"Brown", "Browne"}, {"Smith", "Smyth"}, {"Yousaf", "Yousuf"},
    {"Jacqueline", "Jaqueline"}, {"Deborah", "Debra"}, {"Kirsty", "Kirstie"}, {"Hayley", "Haley"}, {"Chloe", "Chloë"}, {"Mohamud", "Mohamoud"},
    {"Ellie", "Elly"}, {"Millie", "Milly"}, {"Amelia", "Emilia"}, {"Isla", "Ayla"}, {"Freya", "Freyja"},
    {"Grundy", "Grundie"}, {"Lees", "Leese"},
    {"Howarth", "Haworth"}, {"Whittaker", "Whitaker"}, {"Hargreaves", "Hargraves"},
    {"Shaw", "Shore"}, {"Hulme", "Hume"}, {"Holt", "Hoult"}, {"Heap", "Heep"},
    {"Kelly", "Kelley"}, {"Byrne", "Burn"}, {"Doherty", "Docherty"}, {"Reilly", "Riley"}, {"O'Reilly", "O'Riley"},
    {"Mensah", "Mensa"}, {"Wong", "Wang"}, {"Chan", "Chen"}, {"Glenn", "Glen"}, {"Sidney", "Sydney"}, {"Louis", "Lewis"}
  };

  /** Given name to the short forms people give at reception. */
  private static final String[][] NICKNAMES = {
    {"William", "Bill", "Will", "Billy"}, {"Robert", "Bob", "Rob", "Bobby"}, {"Elizabeth", "Liz", "Beth", "Lizzie"},
    {"Margaret", "Maggie", "Peggy", "Meg"}, {"Catherine", "Kate", "Cathy"}, {"Katherine", "Kate", "Kathy"},
    {"Kathryn", "Kate", "Kath"}, {"Richard", "Rick", "Dick", "Richie"}, {"James", "Jim", "Jimmy", "Jamie"},
    {"Thomas", "Tom", "Tommy"}, {"Joseph", "Joe", "Joey"}, {"Michael", "Mike", "Mick", "Micky"},
    {"Christopher", "Chris", "Kit"}, {"Alexander", "Alex", "Sandy"}, {"Daniel", "Dan", "Danny"},
    {"Matthew", "Matt"}, {"Anthony", "Tony", "Ant"}, {"Edward", "Ed", "Ted", "Eddie"}, {"Benjamin", "Ben", "Benji"},
    {"Samuel", "Sam", "Sammy"}, {"Jonathan", "Jon", "Jonny"}, {"Nicholas", "Nick", "Nicky"}, {"Andrew", "Andy", "Drew"},
    {"Stephen", "Steve"}, {"Peter", "Pete"}, {"David", "Dave", "Davy"}, {"Charles", "Charlie", "Chas"},
    {"Frederick", "Fred", "Freddie"}, {"Henry", "Harry", "Hal"}, {"John", "Jack", "Johnny"}, {"Patrick", "Paddy", "Pat"},
    {"Timothy", "Tim"}, {"Gregory", "Greg"}, {"Jennifer", "Jen", "Jenny"}, {"Jessica", "Jess", "Jessie"},
    {"Rebecca", "Becky", "Becca"}, {"Victoria", "Vicky", "Tori"}, {"Samantha", "Sam", "Sammie"}, {"Susan", "Sue", "Susie"},
    {"Deborah", "Debbie", "Deb"}, {"Patricia", "Pat", "Trish"}, {"Barbara", "Babs"}, {"Christine", "Chris", "Chrissie"},
    {"Alexandra", "Alex", "Lexi"}, {"Charlotte", "Lottie", "Charlie"}, {"Eleanor", "Ellie", "Nell"},
    {"Abigail", "Abbie", "Abby"}, {"Amelia", "Millie"}, {"Olivia", "Liv", "Livvy"}, {"Isabella", "Bella", "Izzy"},
    {"Matilda", "Tilly"}, {"Florence", "Flo", "Florrie"}, {"Dorothy", "Dot", "Dolly"}, {"Josephine", "Jo", "Josie"},
    {"Joanne", "Jo"}, {"Jacqueline", "Jackie", "Jacqui"}, {"Kenneth", "Ken", "Kenny"}, {"Raymond", "Ray"},
    {"Ronald", "Ron", "Ronnie"}, {"Terence", "Terry"}, {"Derek", "Del"}, {"Albert", "Bert", "Albie"},
    {"Harold", "Harry", "Hal"}, {"Stanley", "Stan"}, {"Leslie", "Les"}, {"Norman", "Norm"}, {"Geoffrey", "Geoff"},
    {"Malcolm", "Mal"}, {"Trevor", "Trev"}, {"Philip", "Phil"}, {"Stuart", "Stu"}, {"Nathan", "Nate"},
    {"Joshua", "Josh"}, {"Jacob", "Jake"}, {"Oliver", "Ollie", "Olly"}, {"Alfred", "Alfie"}, {"Archibald", "Archie"},
    {"Theodore", "Theo"}, {"Zachary", "Zach"}, {"Mohammed", "Mo"}, {"Muhammad", "Mo"}, {"Mohammad", "Mo"},
    {"Abdullah", "Abdul"}, {"Ibrahim", "Ibby"}, {"Zakariya", "Zak"}, {"Oluwaseun", "Seun"}, {"Oluwatobi", "Tobi"},
    {"Chukwuemeka", "Emeka"}, {"Abdirahman", "Abdi"}, {"Funmilayo", "Funmi"}, {"Temitope", "Tope"},
    {"Chiamaka", "Amaka"}, {"Małgorzata", "Gosia"}, {"Katarzyna", "Kasia"}, {"Agnieszka", "Aga"},
    {"Aleksandra", "Ola"}, {"Magdalena", "Magda"}, {"Aleksander", "Olek"}, {"Krzysztof", "Krzys"},
    {"Mateusz", "Mati"}, {"Bartosz", "Bartek"}, {"Jakub", "Kuba"}, {"Michał", "Michu"}, {"Tomasz", "Tomek"},
    {"Paweł", "Pawełek"}, {"Łukasz", "Luke"}, {"Siobhán", "Shiv"}, {"Padraig", "Paddy"}, {"Bridget", "Bridie"},
    {"Gillian", "Gill"}, {"Valerie", "Val"}, {"Beverley", "Bev"}, {"Pauline", "Paula"}, {"Sandra", "Sandy"},
    {"Amanda", "Mandy"}, {"Alison", "Ali"}, {"Caroline", "Caz"}, {"Nicola", "Nicky"}, {"Natalie", "Nat"},
    {"Gemma", "Gem"}, {"Danielle", "Dani"}, {"Jasmine", "Jas"}, {"Harriet", "Hattie"}, {"Mary", "Molly"},
    {"Anne-Marie", "Annie"}, {"Jean-Paul", "JP"}, {"Callum", "Cal"}, {"Bradley", "Brad"}, {"Benjamin", "Benny"},
    {"Kathleen", "Kath", "Kathy"}, {"Winifred", "Winnie"}, {"Sidney", "Sid"}, {"Leonard", "Len", "Lenny"},
    {"Bernard", "Bernie"}, {"Douglas", "Doug"}, {"Donald", "Don"}, {"Walter", "Wally"}, {"Clifford", "Cliff"},
    {"Alfred", "Alf"}, {"Russell", "Russ"}, {"Sharon", "Shaz"}, {"Hilda", "Hil"}, {"Louis", "Lou"}
  };

  /** QWERTY neighbours of each lower-case letter, for typing slips. */
  private static final String[] KEYBOARD = {
    "qwsz", "vghn", "xdfv", "serfcx", "wsdr", "drtgvc", "ftyhbv", "gyujnb", "ujko", "huikmn", "jiolm", "kop",
    "njk", "bhjm", "iklp", "ol", "wa", "edft", "awedxz", "rfgy", "yhji", "cfgb", "qase", "zsdc", "tghu", "asx"
  };

  private static final Zipf[] FAMILY = zipfs(FAMILY_BY_CULTURE);
  private static final Zipf[] MALE = zipfs(MALE_BY_CULTURE);
  private static final Zipf[] FEMALE = zipfs(FEMALE_BY_CULTURE);
  private static final Zipf[] BRITISH_MALE = zipfs(BRITISH_MALE_BY_COHORT);
  private static final Zipf[] BRITISH_FEMALE = zipfs(BRITISH_FEMALE_BY_COHORT);
  private static final Map<String, String[]> VARIANTS = variants();
  private static final Map<String, String[]> SHORT_FORMS = shortForms();

  /**
   * Culture of a household's names by NHS ethnic category (A-S, Z): cumulative shares over
   * British, Irish, South Asian, African/Caribbean, Eastern European, East Asian.
   */
  private static final String CATEGORIES = "ABCDEFGHJKLMNPRSZ";
  private static final double[][] CULTURE_SHARE = {
    {0.93, 0.06, 0, 0, 0.01, 0}, // A White British
    {0.2, 0.8, 0, 0, 0, 0}, // B White Irish
    {0.2, 0.1, 0, 0, 0.7, 0}, // C any other White
    {0.5, 0, 0, 0.5, 0, 0}, // D White and Black Caribbean
    {0.5, 0, 0, 0.5, 0, 0}, // E White and Black African
    {0.5, 0, 0.5, 0, 0, 0}, // F White and Asian
    {0.6, 0.1, 0.1, 0.1, 0.1, 0}, // G any other mixed
    {0.03, 0, 0.97, 0, 0, 0}, // H Indian
    {0.02, 0, 0.98, 0, 0, 0}, // J Pakistani
    {0.02, 0, 0.98, 0, 0, 0}, // K Bangladeshi
    {0.1, 0, 0.8, 0, 0, 0.1}, // L any other Asian
    {0.45, 0, 0, 0.55, 0, 0}, // M Caribbean
    {0.05, 0, 0, 0.95, 0, 0}, // N African
    {0.3, 0, 0, 0.7, 0, 0}, // P any other Black
    {0.05, 0, 0, 0, 0, 0.95}, // R Chinese
    {0.3, 0, 0.4, 0.1, 0.2, 0}, // S any other ethnic group
    {0.8, 0.05, 0.08, 0.04, 0.02, 0.01} // Z not stated
  };

  private Names() {}

  /** The culture a household's names come from, given its ethnic category and a uniform draw. */
  static Culture culture(char ethnicity, double u) {
    double[] shares = CULTURE_SHARE[Math.max(0, CATEGORIES.indexOf(ethnicity))];
    double cumulative = 0;
    for (int c = 0; c < shares.length; c++) {
      cumulative += shares[c];
      if (u < cumulative) {
        return Culture.values()[c];
      }
    }
    return Culture.BRITISH;
  }

  static String family(Culture culture, double u) {
    return FAMILY[culture.ordinal()].draw(u);
  }

  /**
   * A given name for the sex (M or F; anything else draws from either) and culture; British names
   * follow the birth year (born before 1960, 1960-1989, from 1990).
   */
  static String given(char sex, Culture culture, int birthYear, double u, boolean secondHalf) {
    boolean male = sex == 'M' || (sex != 'F' && secondHalf);
    if (culture == Culture.BRITISH) {
      int cohort = birthYear < 1960 ? 0 : birthYear < 1990 ? 1 : 2;
      return (male ? BRITISH_MALE : BRITISH_FEMALE)[cohort].draw(u);
    }
    return (male ? MALE : FEMALE)[culture.ordinal()].draw(u);
  }

  /** Other spellings that sound the same, or null. */
  static String[] soundsAlike(String name) {
    return VARIANTS.get(name);
  }

  /** Short forms of a given name, or null. */
  static String[] nicknames(String given) {
    return SHORT_FORMS.get(given);
  }

  /**
   * One typing slip in a name: insert, delete, substitute (a keyboard neighbour) or swap two
   * adjacent different letters. Only ASCII letters are touched; the result always differs from
   * the name and keeps at least two characters.
   */
  static String typo(String name, int variant) {
    int letters = 0;
    for (int i = 0; i < name.length(); i++) {
      letters += isAsciiLetter(name.charAt(i)) ? 1 : 0;
    }
    if (letters == 0) {
      return name + "e";
    }
    int operation = variant & 3;
    int pick = Math.floorMod(variant >>> 2, letters);
    int at = 0;
    for (int i = 0, seen = 0; i < name.length(); i++) {
      if (isAsciiLetter(name.charAt(i)) && seen++ == pick) {
        at = i;
        break;
      }
    }
    char c = name.charAt(at);
    String near = KEYBOARD[Character.toLowerCase(c) - 'a'];
    char neighbour = near.charAt(Math.floorMod(variant >>> 12, near.length()));
    if (Character.isUpperCase(c)) {
      neighbour = Character.toUpperCase(neighbour);
    }
    StringBuilder out = new StringBuilder(name);
    switch (operation) {
      case 0 -> out.insert(at + 1, Character.toLowerCase(neighbour)); // an extra key pressed after the letter
      case 1 -> {
        if (name.length() < 4) {
          out.insert(at + 1, Character.toLowerCase(c)); // doubled letter instead of a drop on short names
        } else {
          out.deleteCharAt(at);
          if (at == 0) {
            out.setCharAt(0, Character.toUpperCase(out.charAt(0)));
          }
        }
      }
      case 2 -> out.setCharAt(at, neighbour);
      default -> {
        int next = at + 1 < name.length() && name.charAt(at + 1) != c ? at + 1 : -1;
        int previous = at > 0 && name.charAt(at - 1) != c ? at - 1 : -1;
        int other = next >= 0 ? next : previous;
        if (other < 0) {
          out.setCharAt(at, neighbour);
        } else {
          int lo = Math.min(at, other);
          char a = name.charAt(lo);
          char b = name.charAt(lo + 1);
          if (lo == 0) { // keep the capital in front
            out.setCharAt(0, Character.toUpperCase(b));
            out.setCharAt(1, Character.toLowerCase(a));
          } else {
            out.setCharAt(lo, b);
            out.setCharAt(lo + 1, a);
          }
        }
      }
    }
    String typed = out.toString();
    return typed.equals(name) ? name + Character.toLowerCase(neighbour) : typed;
  }

  /** QWERTY neighbours of a letter (lower case). */
  static String keyboardNeighbours(char letter) {
    return KEYBOARD[Character.toLowerCase(letter) - 'a'];
  }

  static List<String> allFamily() {
    return all(FAMILY_BY_CULTURE);
  }

  static List<String> allGiven(char sex) {
    List<String> names = new java.util.ArrayList<>(all(sex == 'M' ? BRITISH_MALE_BY_COHORT : BRITISH_FEMALE_BY_COHORT));
    names.addAll(all(sex == 'M' ? MALE_BY_CULTURE : FEMALE_BY_CULTURE));
    return List.copyOf(new LinkedHashSet<>(names));
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static List<String> all(String[][] lists) {
    Set<String> names = new LinkedHashSet<>();
    for (String[] list : lists) {
      names.addAll(Arrays.asList(list));
    }
    return List.copyOf(names);
  }

  private static Zipf[] zipfs(String[][] lists) {
    Zipf[] out = new Zipf[lists.length];
    for (int i = 0; i < lists.length; i++) {
      out[i] = new Zipf(lists[i]);
    }
    return out;
  }

  private static Map<String, String[]> variants() {
    Map<String, String[]> out = new HashMap<>();
    for (String[] group : SOUNDS_ALIKE) {
      for (String name : group) {
        Set<String> others = new LinkedHashSet<>(Arrays.asList(out.getOrDefault(name, new String[0])));
        for (String other : group) {
          if (!other.equals(name)) {
            others.add(other);
          }
        }
        out.put(name, others.toArray(String[]::new));
      }
    }
    return out;
  }

  private static Map<String, String[]> shortForms() {
    Map<String, String[]> out = new HashMap<>();
    for (String[] row : NICKNAMES) {
      Set<String> forms = new LinkedHashSet<>(Arrays.asList(out.getOrDefault(row[0], new String[0])));
      forms.addAll(Arrays.asList(row).subList(1, row.length));
      out.put(row[0], forms.toArray(String[]::new));
    }
    return out;
  }

  /**
   * Names in order of frequency, the one at rank r (from 1) weighted 1 / (r + 2)^0.85, drawn by
   * inversion with a guide table (one or two comparisons a draw).
   */
  static final class Zipf {
    private final String[] names;
    private final double[] cumulative;
    private final int[] guide;

    Zipf(String[] names) {
      if (names.length == 0) {
        names = new String[] {"-"}; // an unused slot
      }
      this.names = names;
      this.cumulative = new double[names.length];
      double sum = 0;
      for (int r = 0; r < names.length; r++) {
        sum += Math.pow(r + 3, -0.85);
        cumulative[r] = sum;
      }
      for (int r = 0; r < names.length; r++) {
        cumulative[r] /= sum;
      }
      cumulative[names.length - 1] = 1.0;
      this.guide = new int[names.length * 4];
      int r = 0;
      for (int k = 0; k < guide.length; k++) {
        while (cumulative[r] <= (double) k / guide.length) {
          r++;
        }
        guide[k] = r; // the first rank whose cumulative share passes k / guide.length
      }
    }

    String draw(double u) {
      int r = guide[(int) (u * guide.length)];
      while (cumulative[r] <= u) {
        r++;
      }
      return names[r];
    }
  }
}
