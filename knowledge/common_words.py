"""Word lists about English rather than about Prevent: everyday words, chat filler, everyday subjects.

- COMMON_WORDS: everyday English (the words of wordfreq's English list with a Zipf frequency of at least
  4.5, about 30 per million words, plus a few inflections, local-government words and everyday technology
  words it ranks lower, such as "borough" and "wifi"). They are not typos even when the content never uses
  them ("stand" must not become "strand"), and as question words they weigh less than a word that names a
  subject ("is prevent a safeguarding *issue*" is about safeguarding).
- ENGLISH_WORDS: less common English words that look like misspellings of the content's words ("protest"
  is one edit from "protect", "lone" from "line", "islamic" from "islamist"), so typo correction leaves them
  alone. Found with wordfreq (Zipf frequency 3 or more) against the content's vocabulary; a word missing
  here is only open to correction, so the list needs refreshing after large content changes, not small ones.
- FILLER_WORDS: chat filler and framing that says nothing about the subject ("pls", "in a nutshell"), and
  how the asker feels about it ("we're uneasy about") or what they are "meant" or "supposed" to do.
- OFF_TOPIC_WORDS: everyday subjects that Prevent guidance never covers (food, weather, sport, travel,
  pay and leave, IT faults, household repairs, entertainment). A question built on one of these is not
  about Prevent unless it also names Prevent's own subject matter (radicalisation, extremism, the CTLP).
  None of them shares a stem with the content (a test checks), so none takes a match away from it.
"""

from functools import lru_cache

from knowledge.text import stem

COMMON_WORDS = frozenset(str.split(
    """
    wifi broadband smartphone inbox hotspot hotspots reception receptionist receptionists ability able absolute
    absolutely abuse academic academy accept accepted access accident according account accounts accurate achieve across
    act acting action actions active activities activity actor acts actual actually ad adam add added adding addition
    additional address administration admit adopted adult adults advance advanced advantage advertising advice affairs
    affect affected afford afraid africa african afternoon age aged agencies agency agent agents ages ago agree agreed
    agreement ah ahead aid aim air aircraft airport al album alcohol alex alive allow allowed allowing allows almost
    alone along already alternative although always amazing amazon america american americans among amount analysis
    ancient andrew angeles angry animal animals anniversary announced annual another answer answers anti anybody anymore
    anyway anywhere apart apartment app apparently appeal appear appearance appeared appears apple application
    applications applied apply appointed appreciate approach appropriate approval approved approximately april area
    areas argument arm armed arms army around arrest arrested arrive arrived art article articles artist artists arts
    asia asian aside ask asked asking aspects assembly assets assistance assistant associated association assume
    attached attack attacked attacks attempt attempts attend attention attitude attorney attractive audience august
    australia australian author authorities authority automatically available average avoid award awards aware away
    awesome baby back background bad bag balance ball balls ban band bank banks bar base baseball based basic basically
    basis basketball bathroom battery battle bay bbc beach bear beat beautiful beauty became become becomes becoming bed
    beer began begin beginning begins behavior behind believe believed bell belong belongs ben benefit benefits besides
    best bet better beyond bible big bigger biggest bike bill billion bills bird birds birth birthday bit black blame
    blind block blog blood blow blue board boat bob bodies body bomb bond book books border born borough boroughs boss
    boston bottle bottom bought bowl box boy boyfriend boys brain branch brand brazil bread break breakfast breaking
    breath bridge brief bright brilliant bring bringing brings britain british broad broke broken brother brothers
    brought brown budget build building buildings built bunch burn burning bus business businesses busy button buy
    buying ca cable cake california call called calling calls calm came camera camp campaign campus canada canadian
    cancer candidate candidates cap capable capacity capital captain car carbon card cards care career careful carolina
    carried carry carrying cars case cases cash cast cat catch category catholic caught cause caused causes causing cell
    cells cent center central centre century certain certainly chain chair chairman challenge champion champions
    championship chance chances change changed changes changing channel chapter character characters charge charged
    charges charles chat cheap check checked cheese chemical chest chicago chicken chief child childhood children china
    chinese choice choose chose chosen chris christ christian christmas church circle circumstances cities citizens city
    civil claim claimed claims class classes classic clean clear clearly click client climate clinical clinton close
    closed closely closer clothes club clubs co coach coast code coffee cold colleague collected collection college
    color combat combination combined come comedy comes comfortable coming command commander comment comments commercial
    commission committed committee common communication communications communities community companies company compared
    comparison competition competitive complete completed completely complex computer concept concern concerned concerns
    concert condition conditions conduct conducted conference confidence confirmed conflict congress connected
    connection conservative consider considered considering constant constantly constitution construction consumer
    contact contain contains content contest context continue continued continues contract control controlled convention
    conversation cook cool copy core corner corporate corporation correct cost costs council count counter countries
    country county couple course court cover coverage covered covers crash crazy cream create created creating creation
    creative credit crew crime criminal crisis critical cross crowd crown cry crying cultural culture cup current
    currently customer customers cut cute cutting cycle da dad daily damage dan dance dancing danger dangerous daniel
    dark data date dates dating daughter david day days dc dead deal dealing deals dear death deaths debate debt debut
    decade decades december decide decided decision decisions declared dedicated deep defeat defence defense defined
    definitely definition degree degrees deliver delivered delivery demand democracy democratic democrats department
    depend depending depends depression depth deputy describe described description deserve design designed desire
    despite destroy destroyed detail detailed details determine determined develop developed developing development
    device devices die died diet difference differences different difficult digital dinner direct directed direction
    directly director dirty discovered discuss discussion disease display distance distribution district division doctor
    doctors document documents dog dogs dollar dollars domestic done dont door doors double doubt download draft drama
    draw drawing drawn dream dreams dress drink drinking drive driven driver drivers driving drop dropped drug drugs
    drunk dry dude due dumb duty dying earlier early earn earned earth easier easily east eastern easy eat eating
    economic economy ed edge edition editor education educational edward effect effective effects effort efforts eggs
    eight either elected election elections electric electronic elements else em email emergency emotional empire
    employee employees employment empty end ended ending ends enemy energy engaged engine engineer engineering england
    english enjoy enjoyed enough ensure enter entered entertainment entire entirely entitled entry environment
    environmental episode equal equipment equivalent era error escape especially essential established estate estimated
    et eu europe european even evening event events eventually every everybody everyone everything everywhere evidence
    evil ex exact exactly example examples excellent except exchange excited exciting exclusive excuse executive
    exercise exist existence existing expansion expect expected expensive experience experienced experiences expert
    experts explain explained exposed express expressed expression extended external extra extreme extremely eye eyes
    face facebook faces facilities facility facing fact factor factors factory facts fail failed failure fair fairly
    faith fake fall falling falls false familiar families family famous fan fans fantastic fantasy far farm fashion fast
    faster fat father fault favor favorite favourite fear feature features february fed federal fee feed feel feeling
    feelings feels fees feet fell fellow felt female festival field fields fifth fight fighting figure figures file fill
    filled film films final finally finance financial find finding finds fine fingers finish finished fire fired firm
    first fish fit five fix fixed flag flat flight floor florida flow flowers fly flying focus focused folks follow
    followed following follows food foot football force forced forces ford foreign forest forever forget forgot form
    formed former forms forward found foundation founded four fourth fox frame france francisco frank free freedom
    french frequently fresh friday friend friendly friends front fruit ft fucked fuel full fully fun function functions
    fund funding funds funny future gain game games gang garden gas gave gay gender general generally generation george
    german germany gets getting giant gift girl girlfriend girls give given gives giving glad glass global go goal goals
    god goes going gold golden golf gone gonna good goods google gotta government governor grab grace grade graduate
    grand grant granted great greater greatest greek green grew ground group groups grow growing grown growth guard
    guess guest guide guilty gun guns guy guys ha haha hair half hall lad lass bloke hand handle handled handling hands
    hang hanging happen happened happening happens happy hard harder hardly harry hat hate head headed heads health
    healthy hear heard hearing heart heat heaven heavily heavy height held hell help helped helping helps henry hero hey
    hidden hide high higher highest highly hill historical history hit hits hold holding holds hole holiday hollywood
    holy home homes honest honestly hong honor hope hopefully hoping horse hospital host hot hotel hour hours house
    houses housing however http huge human humans hundred hundreds hurt husband ice id idea ideas identified identify
    identity ill illegal im image images imagine immediate immediately impact importance important impossible improve
    improved inc incident include included includes including income increase increased increasing incredible indeed
    independence independent index india indian individual individuals industrial industry influence info information
    initial injured injury inner inside inspired instance instead institute institutions insurance intelligence intended
    interest interested interesting interests interior internal international internet interview introduced introduction
    investigation investment invited involved iran ireland irish iron island islands israel issue issued issues italian
    italy item items jack jackson jail james jan january japan japanese jersey jesus jewish jim job jobs joe john
    johnson join joined joint joke jones jordan joseph journal journey joy judge july jump june justice keep keeping
    keeps kept kevin key kick kid kids kill killed killing kim kind kinda kindly kinds king kingdom kiss kitchen knew
    knock knowing knowledge known knows korea labor labour lack ladies lady laid lake land lane language large largely
    larger largest last late later latest latter laugh laughing launch launched law laws lawyer lay lead leader leaders
    leadership leading leads league learn learned learning least leave leaves leaving led lee left leg legal legislation
    legs length less lets letter letters letting level levels liberal library license lie lies life lift light lights
    liked likely likes limit limited line lines link linked links list listed listen listening literally literature
    little live lived lives living ll load loan loans local located location lock london long longer look looked looking
    looks lord los lose losing loss lost lot lots loud louis love loved lovely loves low lower luck lucky lunch lying ma
    machine mad made magazine magic mail main mainly maintain maintenance major majority make makes making male man
    manage managed management manager manchester manner manufacturing many map march marine mark marked market marketing
    markets marriage married martin mary mass massive master match matches mate material materials matt matter matters
    max maximum maybe mayor mean meaning means meant measure measures meat media medical medicine medium meet meeting
    member members memories memory men mental mention mentioned mess message messages met metal method methods mexico
    michael michigan mid middle mike mile miles military milk miller million millions mind mine minimum mining minister
    ministry minor minute minutes miss missed missing mission mistake mix mixed mm mobile mode model models modern mom
    moment moments monday money month monthly months moon morning mostly mother motion motor mountain mountains mouth
    move moved movement moves movie movies moving much multi multiple murder museum music musical muslim name named
    names nation national nations native natural nature navy near nearby nearly necessary neck needed negative
    neighborhood neither net network never new news newspaper next nfl nice nick night nine nobody noise non none normal
    normally north northern nose note noted notes nothing notice noticed novel november nowhere nuclear number numbers
    numerous obama object objects obvious obviously occurred ocean october offer offered offering offers office officer
    officers official officially officials often oh ohio oil old older ones online onto open opened opening operate
    operating operation operations opinion opportunities opportunity opposed opposite opposition option options orange
    order ordered orders organization organizations organized origin original originally others otherwise outside
    outstanding overall owned owner owners pacific pack page pages paid pain paint painting pair pakistan panel paper
    papers parent parents paris park parliament part particular particularly parties partner partners parts party pass
    passed passing past path patient patients pattern paul pay paying payment pc peace peak pen people percent perfect
    perfectly perform performance performed performing perhaps period permanent permission person personal personality
    personally personnel perspective peter phase phone photo photos physical pick picked picture pictures piece pieces
    pilot pink place placed places plan plane planet planned planning plans plant plants plastic plate platform play
    played player players playing plays pleasure plenty plot plus pm point points police policies policy political
    politicians politics pool poor pop popular population port portion position positions positive possibility possible
    possibly post posted posts potential pound pounds power powerful powers practice practices pre prefer pregnant
    premier prepare prepared presence present presented president presidential press pressure pretty prevent previous
    previously price prices primary prime prince princess principal print prior prison private prize pro probably
    problem problems process produce produced product production products professional professor profile profit program
    programme programs progress project projects promise promote proof proper properly properties property proposed
    protect protected protection protein proud prove provide provided provides providing public published pull pulled
    purchase pure purpose purposes push put puts putting quality quarter queen question questions quick quickly quiet
    quit quite quote race racing radio rain raise raised ran random range rare rate rates rather raw ray re reach
    reached reaction read reading ready real reality realize realized really reason reasonable reasons receive received
    receiving recent recently recognize recognized recommend recommended record recorded recording records recovery red
    reduce reduced reference referred reform refused regarding region regional regions register registered regular
    regularly regulations related relations relationship relationships relatively release released relevant relief
    religion religious remain remained remaining remains remember remove removed rent repeat replace replaced reply
    report reported reporting reports represent representative representatives represented republic republican
    republicans request require required requirements requires research reserve residents resistance resolution
    resources respect respond response responsibility responsible rest restaurant result results retail retirement
    return returned returns revealed revenue review reviews revolution rice rich richard rid ride right rights ring rise
    rising risk river road roads robert rock role roll roman roof room rooms rose round route row royal rule rules run
    running runs rural russia russian ryan sad safe safety said sale sales salt sam sample san sat saturday save saved
    saving saw say saying says scale scared scene scenes schedule scheme school schools science scientific scientists
    score scored scotland scott scottish screen sea search season seasons seat seats second secondary seconds secret
    secretary section sector secure security see seeing seek seeking seem seemed seems seen sees selected selection self
    sell selling semi senate senator send sending senior sense sent sentence separate september series serious seriously
    serve served service services serving session set sets setting seven several severe sexual shame shape share shared
    shares sharing sheet shift ship shipping ships shirt shoe shoes shoot shooting shop shopping short shot shots
    shoulder shout show showed shower showing shown shows shut sick side sides sight sign signal signed significant
    significantly signs silver similar simple simply since sing singer singing single sir sister sit site sites sits
    sitting situation six size skill skills skin sky sleep sleeping slightly slow slowly small smaller smart smile smith
    smoke smoking snow social society soft software solar sold soldier soldiers solid solo solution solutions somebody
    somehow someone sometimes somewhat somewhere son song songs sons soon sorry sort soul sound sounds source sources
    south southern soviet space spain spanish speak speaking special species specific specifically speech speed spend
    spending spent spirit split spoke sport sports spot spread spring squad square stadium staff stage stand standard
    standards standing stands star stars start started starting starts state stated statement statements states station
    stations statistics status stay stayed staying steam steel step stephen steps steve stick still stock stone stood
    stop stopped storage store stores stories storm story straight strange strategy stream street streets strength
    stress strike strong stronger structure struggle stuck student students studies studio study stuff stupid style sub
    subject succeed success successful suddenly suffered suffering sugar suggest suggested suicide suit summer sun
    sunday super supply support supported supporting suppose supposed supreme sure surely surface surgery surprise
    surprised survey survive suspect swear sweet switch sydney system systems table take taken takes taking talent talk
    talked talking talks tall tank target task taste taught tax taxes taylor tea teach teacher teachers teaching team
    teams tech technical techniques technology teeth television telling tells temperature ten tend term terms terrible
    territory test testing tests texas text thats theatre theme theory therapy therefore thing things think thinking
    thinks third thomas though thought thoughts thousand thousands threat three throughout throw thursday thus ticket
    tickets tie tight till tim time times tiny tip tips tired title today together told tom tomorrow tonight tony took
    tool tools top total totally touch tough tour tournament toward towards tower town track trade trading tradition
    traditional traffic train trained training transfer transport transportation travel treat treated treatment tree
    trees trend trial tried tries trip troops trouble truck true truly trump trust truth try trying tuesday turkey turn
    turned turning turns twenty twice twitter two type types typical typically ultimate ultimately un unable uncle
    understand understanding understood unfortunately union unique unit united units universe university unknown unless
    unlike update updated upon upper upset urban urgently usa use used useful user users uses using usual usually valley
    valuable value values van variety various ve vehicle vehicles version vice victim victims victory video videos view
    views village violence virginia vision visit visited visual voice volume vote voted votes voting wait waiting wake
    wales walk walked walking wall walls wanna wanted wants war ward wards warm warning wars wash washington waste watch
    watched watching water wave way ways weak wealth weapon weapons wear wearing weather web website wedding wednesday
    week weekend weekly weeks weight weird welcome well went west western wet whatever wheel whenever whether white
    whole whose wide widely wife wild william williams willing wilson win wind window windows wine wing winner winning
    wins winter wise wish within without witness woman women wonder wonderful wondering wood word words work worked
    workers working works world worldwide worried worry worse worst worth wow write writer writers writing written wrong
    wrote ya yard yards yeah year yearly years yellow yesterday yet york young younger youth youtube zealand zero zone
    """
))

ENGLISH_WORDS = frozenset(str.split(
    """
    uni unis
    abel abound absentee abstract academia accent accordion accuracy accusing aces acidity acids actin activist
    activists adapted adapting addicted addiction addictions addison admired agility ahmed alice alleging allotted
    alloy alloys alluring altar altitude altitudes ambition ambitions amended amending amuse analyse analysed analyses
    analysing analyst analysts analytic analytics analyzes andi ante ants aptitude aptly arcs arena arenas ares aria
    arias aries arisen arse arya ascended ascending assassin assassins asserted asserting asses assigned assigning
    assimilation attendees attested attrition auction auctions authorize averse awaiting awake axle bach backyard bane
    bang banging bard bark basel bashed basil basin basins bass batter beaming beard beards beast beater beck beet
    beings belt benedict beneficiary bent bert beset bess bette biased bidding binding bitter blank blinking blockade
    blooming boar bode boiling boko bony boob booing boom booming boon boos booster boosters boosting boot boyd brad
    bragging breeding bret brett brewing bride bridget briggs brighten brighter broaden brody brood brooding brook
    brookings brunt buck budding bulging bunk buoy burroughs bury burying busiest bust butter cadre cage cages
    calculate calf cali caller camel cameo camo cams cane canes cannes cape capes cara carb carey carl carp carr
    carrier carriers cart carte carts carve carving cary casa casey cass catalogs cate catered caters cave caves
    cavities centered centrist centro chai chairmen chalmers chambers changer chants char chargers charms charred
    charter charters chase chases chastity chatter cheated cheaters cheating checkers cheek cheeks cheering chef chefs
    chewing chick chicks chile chili chill chime choir choking chore chuck circular cite clair clam clare clarence
    clarinet clarity clashed cleanser clearest cleaver clerical cleverly clover clustering clusters coalitions coarse
    coasters coat coated codex coincidence coke cole coles coll collage collagen collapsed colleen collided coloration
    colt coma comb combing combs comet comets comey comin comm commence commend commendation commodities commodity
    comms communion communism communist communists commuter commuters commuting como comp compassion compelled
    compelling compensating complacent complain complainant complains complaint complaints complementary complexion
    complication complications complicit compliment complimented compliments composers composing compromising
    concealed concealing conceded conceived concerto concurrently condemned condemns condensed conditioner conductor
    cone cones confederation configuration configurations confined confines confluence conform congestion congrats
    conical connector conquest conscientious consecutive constipation consul consular consulate cont contagion
    contempt contend contended contending contends contiguous continent continental continents continuum contradicting
    contradictory contradicts contrast contrasting contrasts contributor contributors convection converge converted
    converts conveyed convince convinced convincing cooker cooler cope coping copper cops cora cord corey cork corn
    coronation corp cortical cory costa cosy coulter counseling counsellor counterpoint countess countless countryside
    courage courtesy cove coven coventry covert coveted cracking crate craters crease creature cremated creme crete
    crimea crops crore crows crucible cure currency curse curses curt curtains cusp cutters cynical cyst dada dade
    dagger daggers dale daly dame dana dancer dancers dane dante dare darren darwin dash dave davy dawn deadline
    decaying deceiving decimated decoding deducted deed deepening deer defected defended defending defied deleted
    delicate delighted delusion delusions departmental depicted deployments depp depriving dept derail derailed derive
    descending despise despised destined detached detain detained detected detection detector developmental dialog
    dietrich differential digested digestion dine dior directory disclosed disclosing discriminatory disguised
    disgusted disgusting dismissed dismissing disperse disputed dissection dissenting dissipated distinct distract
    distraction distractions distrust disturbed dive divers diversify diverted dividend dividends diving documentaries
    dole dome donated dong donor dons doom dope dose dove drab drag dragging drain draining drew drifting drilling
    dripping drone drove drown drowning dslr duel duet duke duly dune dusty dynamite earl earle earliest ease easing
    eden ejected elevated eleventh elise elle elsa elsie emergent emil eminence emit emitting emphasise emphasised
    emphasize emphasizes emphatic empress emulation enacting encased encoded encoding endorsement endorsements endure
    enduring engraved engraving enlarged enlargement enraged ensues ensuing entities entourage environmentalists envoy
    equation equities equity erected espresso esther eternal eternally ether evan evidenced examines excavation
    exceeded excerpt excerpts excise exclamation excursion exemptions exert exerted expeditions expelled expertise
    expiration expires expiring explode exploded explodes exploding explosion export exported exporting exports
    expressly expulsion extant facet factions facto faculties fade fading fairies fame farce fare fart fatalities fate
    fave faye feat fecal fend feud fibre fide fiend fife figs filly fink finn fins fist fists fitz flak flap flaw flax
    fled flee fleeting flew flop flour flown foam folly fond font footer fore foremost forestry foreword forge fork
    forks format forrest forster fort forte forts forum forums foul fracking fractions fracture fred freed freezing
    fret frey fried fright fundamentalist funk gags gals gasp gems genera genetic genetics gents geographic giles
    giver glide gloom goers goin gomes gong goody goon governmental govt gown greed greer greet groan groin groping
    grossing growl guido guise gust guts hail hailing hails hairy halal hale halo halt hana handy hank hans hara haram
    hare harem hari harp hart hash hast haste hastings hater hath haul hauling haunting haute haze heal heals heap
    heaps hearth heath heed hehe heir helm hemp herd herds hike hiking hind hive hoarding holden holland homer homie
    homo hone horn hose hover howe hues hugh hugs hull hume huts hydro ideal ideals impaired impart impeached
    implantation implanted imposing impotent improper improvise inaccuracies inaction inauguration incarcerated
    incense incidental incite inclined inconclusive indicted indonesian infection infernal inferred infestation
    inflamed inflammation informatics inherent injunction insane insects insisted instant instigated instinct
    instincts instruction instructions intense intensive intent intention intentional intentionally intentions
    intercept intercepted interception interceptions interfere intern interns interpol interrupted interruption
    interruptions intersect intersection intersections interspersed intimate intoxication intricate introductory
    intrusive intuition invented invention inventions inventive inverted invoices invoked iraqi islamic issuance
    issuer iteration jain jane joan joon jude judgmental judy jung junk juno jury kant keel kemp kern kiki kneeling
    lace lacy lads lager lago landon lang lange lark lash lass latent leaf leafs leah lean leaning leans leap leaping
    leaps leapt lear learners learnt lease leash leasing leeds lefty leinster lend lenders lending lends lengthy lens
    lent lesions lest lester lever levers lewd librarian librarians lice licensee lick licked licks lien liga likened
    lime lina linen liner liners ling linger linkedin linn linus lisa lisp lister lite liver loathing loft logically
    lone loner lookin loom looming looms loop looping loops loosing loot looting loyal loyalties loyalty lung lust
    lyft lyndon mace mach macy mage makin mali mall malt mana mandated mandy mane manifesto mann manny manu maple marc
    marco mare marker markers marred marsh mart martial mask masked masking massage massages mast mata mater maternal
    math mather mats matteo matty matured maturity maude maximise maze mead meade meal meals measles mech medial
    median medicaid medicare medieval medina meek megan mein melt melting menacing mend meng ment merch mesh meta meth
    methodist mich mismanagement mistreated mitt mixer moan moans modal modem mole monument motel moths motivate
    motivating motivation mott muck mule multiplied multiplier multiply munch mutilation nacional narrow narrowed
    narrower narrows nate nave nazis neat necessity neighboring nemo neon nero nest newt nike nile nina nino nite node
    nodes nods noisy noon noone nope normandy normative norms norse notre noun novice obtained offspring omen oncoming
    onions oooh opec opportunistic ordinary organism organisms ornate otters outgoing outings outlawed outlying oven
    overnight overseas overweight owed owen owes pace paced paces pacing pact pads painters palace palaces pals pane
    pans pant panthers para parity parr parrish parry participatory particulate paso passer passions paste pasted
    patel patents paterson pats patterson patty paused pavel paws peaches pear pears pearson peed peek peel peep peeps
    perish peroxide persona pertinent peru perverted pest peterson petition petitioned phenomena philippe phillip
    phillips phrase pier piers pierson pinning pinot pint pints pissed pius pivot placid plaid plain plains plank
    planks plat playa pleading pleasing ploy plug plugs plum plunging plush poaching poet pointers pointy poison
    poisons policemen polished polishing politico poll polling polo pont pooh poop poplar populace pose posh postponed
    potion pots pray preach preached precious precise precision prediction predominantly premiums prentice pres
    prescribe prescribed preserve preserved preserving pretended pretending pretends pretense prevalent previews
    primarily primate primates prioritize priory prius probe proceeds processor processors procured professed
    profession professions programmed projectile projector prone propel proportion proportional proportions propped
    pros prose prosecuted prosecuting prosecution prosecutions protector protest protested protester protesting
    protests protracted provence province provinces provisional provoked provoking prowess proxies prudence pryor
    pubic publicist puncture punished punitive punt purdue purification purse purses puss putt qualify quantity
    quarries quentin rabid racer racers rack racking racks radial rage rages raid raided raiding railing railings
    raisin raisins rake ramifications ranger raped rapes ration rational rave react reacting readable realty reap rear
    rearing rebates receptionist receptor recession recipient recited reciting recollection recounted recreated
    recreating recreation recreational redacted reddy redemption reed reelection referee referees refined refining
    reflector refuge refute regain regained regaining regent regiments regina reginald registrar registry rehearsed
    reich reid reigned reiterate rejected rejecting rejection rejoined relaxation relaxed relayed relegated relegation
    reliable reliance reliant relieved relieving relocated relocation remainder remanded remarked remind reminded
    reminding remix renewable renewed renewing rental rentals repaired repairing repatriation repealed repent
    repetition repost repressed requiem rescinded resent resented reset resigned resistor resolved resolving resort
    resorted resorting resorts resounding resuming retain retained retainer retaining retard retarded retention
    retinal retracted reunification reusable reuse revelation revelations revered reverence reversal reversed reverted
    revisited revived reviving revolting revolved reward rewarded rewarding rewards reworked rewriting rica rick rico
    rink risky roach roam robe robes rode rolex rolf roller rome romo rook root roots rope ropes rotation rotational
    rubs rude rugs ruin ruining ruins ruler rune rung runnin ruse russ rust saab saber sage sake sampler sanction
    sanctions sand sane saturated saver scala scalp scarring scent schema scholes schoolers schooner scooped scouting
    screaming screams screeching screwing scrolling sealed sealing sean seater secession secluded secs sect sects
    sediment sedition seduction seed seeding seekers seer segmentation selector semen seminal seminary sensor sentient
    sept septic serge server seth settling sewing sewn shade shaded shading shaft shake shaking shale shane shard
    shareholder shareholders shark sharp sharpe sheen sheer shelf shen shilling shingles shining shire shits shitting
    shore shorty shoving shred sift sigh sighs sill sims sine sinn sins sion sire siri situ sizable skating skeptics
    skillet skimming skit slab slamming slated slaying sleek slices slider slit snare sneak sneaker sneakers sneaking
    sneezing sniffing snort soaking soared soaring sobriety socialize societal spacex spades spamming spaniard
    spaniards spanking spare spared spares sparing sparking sparring spear spears spec specialised specialises
    specialising specialize specialty speck spectral sped spewing spices spill spilled spit spits spitting spock spore
    sporty spout spraying stab stabbing stable stacking staffing stag staining stake stale stalk stalking stalks
    stamping stanford starch stare stared staring starling starter starters startled startups starved starving stats
    statue statues statutes stave steak stealing steep steeped steph sterling stew stiff stimulation stings stir
    stirring stockholders stomp stomping stony stoop storey stormy stow strained strapped strategist streaks streamer
    streep string strings stripped stroking strung stub stud studs stunning stunts sturdy submarine successor suction
    summaries suspended suspiciously sven swarming swaying sweaters sweating sweeping swift syrian tack tailed taker
    takers takin tale tales talkin tame tanning tape tapes taping tate taunting teal tear tears teen tees temporal
    temporarily tendons tenn tent tess tester thames thanking theater theaters theo ther theres theses thick thin
    thine thingy thinkin thinning thirsty thread threads throat throats throughput thrust ticking tickle tide tides
    tiger tile tiles timer timers toes toil token toll tome toon toot torn torrance trace tracing trackers tract tracy
    trail trailed trailer trailers trailing trainee trainees trait traitors tran transformed trapping travers traverse
    treachery triangles trick tricking triggers trim tropics truss trusty tryin turd turf turin turk twain tweaking
    twisting tyne typo typos tyre tyres undated underage undergoing undergone undermine undermined undermines
    underside understated underwear unfit unify univ unix usgs usps venerable venting ventures venus vial vidal viet
    viewer violent viral visitors vita voluntarily wade walsh wand wang waning wards ware wares warp wary wavy
    weakened weave webb weeds weighing welch weld welp wept whale whales widen wiki wilder wink winn wipe wire wiser
    woken wong wore workin worm worms worn worship woven writ yong yung zane
    """
))

FILLER_WORDS = frozenset(str.split(
    """
    pls plz please thx thanks ta cheers hiya hey hi hello mate basically actually quick quickly query q nutshell
    briefly roughly exactly simply anyway btw fyi asap u ur r im ive id wondering wonder curious confused dunno idk
    deal stuff thing things bit lot lots whats wats wot tell say know explain mean means meaning anyone someone
    somebody guys folks sorry apologies again also currently today okay ok yeah yes maybe go goes going gone went
    vs versus uneasy anxious nervous unsure uncomfortable wary apprehensive unhappy upset puzzled stressed
    panicking scared frightened meant supposed remind reminder recap tbh tbf imo ngl fwiw afaik pretty fairly quite
    rather really honestly truly genuinely literally seriously totally need needed
    """
))

OFF_TOPIC_WORDS = frozenset(str.split(
    """
    canteen cafe cafeteria lunch lunchtime breakfast dinner supper brunch menu menus recipe recipes cook cooking bake
    baking baked cake cakes biscuit biscuits bread sourdough pizza pasta lasagne curry sandwich sandwiches soup salad
    burger burgers chips chocolate coffee tea latte cappuccino beer wine gin vodka cocktail pub pubs restaurant
    restaurants takeaway vegan vegetarian gluten calories diet snack snacks fridge microwave kettle chicken beef pork
    lamb fish eggs cheese banana bananas apple apples roast barbecue bbq weather forecast rain raining rainy sunny
    sunshine snow snowing snowy frost icy fog windy storm storms temperature heatwave umbrella garden gardening plants
    flowers lawn mowing football footy soccer cricket rugby tennis golf snooker darts netball hockey basketball
    baseball boxing olympics premier league fixtures fixture stadium gym workout yoga swimming swim marathon quiz
    crossword sudoku puzzle puzzles chess poem poems poetry limerick haiku song songs lyrics singing joke jokes funny
    riddle movie movies film films netflix soap podcast podcasts playlist spotify album concert gig gigs cinema novel
    novels horoscope astrology lottery bingo casino betting celebrity celebrities gossip meme memes flight flights
    airline airlines airport holiday holidays vacation passport visa visas ferry ferries cruise timetable timetables
    railway tickets ticket taxi uber bus buses tram motorway traffic roadworks parking car cars petrol diesel garage
    payslip payslips payroll salary salaries wage wages payday overtime timesheet timesheets expenses expense mileage
    pension pensions maternity paternity sickness sick flexitime flexi appraisal appraisals redundancy resignation
    resign payrise password passwords login logon laptop laptops printer printers printing photocopier scanner
    keyboard mouse headset headphones outlook excel powerpoint spreadsheet vlookup vpn bluetooth reboot crashed
    crashing stationery desk desks locker lockers toilet toilets heating aircon lightbulb bulb cleaner cleaners
    recycling bins bin rubbish litter damp mould boiler leak leaking plumber electrician potholes pothole dentist
    physio flu cough covid vaccine vaccination prescription headache mortgage rent loan loans bitcoin crypto tax
    wedding weddings birthday birthdays christmas easter halloween anniversary dog dogs cat cats pet pets puppy kitten
    shopping supermarket ebay voucher vouchers homework maths algebra photosynthesis planet planets galaxy dinosaur
    dinosaurs volcano everest translate translation synonym antonym spelling grammar tonight exam exams flood floods
    flooding sandbags gritting
    """
))


@lru_cache(maxsize=1)
def common_stems() -> frozenset[str]:
    return frozenset(stem(w) for w in COMMON_WORDS)


def is_common(word: str) -> bool:
    """True for an everyday English word (or an inflection of one)."""
    return word in COMMON_WORDS or stem(word) in common_stems()


def is_off_topic(word: str) -> bool:
    """True for a word naming an everyday subject the guidance never covers (or its plural)."""
    return word in OFF_TOPIC_WORDS or (word.endswith("s") and word[:-1] in OFF_TOPIC_WORDS)
