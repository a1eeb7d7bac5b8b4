"""Everyday English words that are not typos even when the content never uses them.

Typo correction only rewrites words that are neither in the content's vocabulary nor here ("stand"
must not become "strand"), and an unknown everyday word ("long" in "how long is the e-learning")
weighs less against confidence than an unknown rare word ("canteen", "photosynthesis").
"""

COMMON_WORDS = frozenset(str.split(
    """
    able accept access account across act action actually add address advice afternoon age ago agree
    ahead allow almost alone along already although always amount another answer anyone anyway apply
    area arm around arrive art ask away back bad bag ball bank base bear beat become bed begin behind
    believe best better big bill bit black blue  body book born boss bottom box boy break bring
    brother build building burn business busy buy call came car card care career carry  cause
    change charge check  choose city claim class clean clear close cold colleague come common
    company complete  consider  continue control cost could count country couple course
    cover create cross cup current cut dark date daughter day dead deal dear decide deep degree depend
    describe detail die different difficult dinner direction discuss do  dog door double doubt
    down draw dream dress drink drive drop dry due during early earn easy eat edge effect either else
    end enjoy enough enter entire even evening  ever every everyone everything exactly example
    except expect experience explain eye face fact fail fall  far fast father fear feel few field
    fight figure fill final find fine finish fire first fit five fix floor fly follow food foot force
    forget form forward four free friend front full fun future game garden gave general get girl give
    glad go goal going gone good great green ground  grow guess guy hair half hall hand handle hang
    happen happy hard head  hear heart heat heavy help here high hit hold hole home hope
    hot hour house however huge human hundred husband idea imagine important include increase indeed
    inside instead interest island  item job join joke jump just keep key kid kill kind kitchen
    knew knock know known land  large last late later laugh law lay lead  least leave
    left leg less  letter level lie life light like likely line list listen little live
    lock long look lose lost lot loud love low lunch machine mail main major make man manage manager
    many mark market matter maybe mean meet  mention message middle might mind minute miss
    mistake moment money month morning mother mouth move movie much music must name near nearly
    necessary neck need never new news next nice night none nor normal note nothing notice now number
     obviously offer office often oh old once open opinion order original other otherwise outside
    own page pain paint pair paper  park part particular party pass past pay peace pen people
    perhaps period person phone pick picture piece place  plant play point  poor popular
    position possible pound power practice prepare present press pretty price print private probably
    problem produce product programme promise pull push put quarter question quick quickly quiet quite
    race rain raise rather reach read ready real really reason receive recent  red remember
    remove rent repeat reply  request rest result return rich ride right ring rise road rock
    room round rule run  said sale same save saw say  science sea seat second see seem sell
    send sense serious serve set seven several shall  she sheet ship shoe shop short shot shout
    show shut sick side sign simple since sing single sister sit site situation six size skill sleep
    slow small smile snow  soft soldier someone something sometimes son song soon sorry sort sound
    space speak special spend sport spring  stage stand star start state station stay step still
    stop store story straight strange street strong   stuff stupid subject succeed suddenly
    suggest summer sun sure surprise  table take talk tall  team teeth tell ten term terrible
     than thanks thing think third thousand three through throw ticket tie till time tired today
    together tomorrow tonight took top total touch towards town track trade  travel tree trip
    trouble true trust truth try turn twice two type uncle understand unit until upon upset use usual
    usually value various very view  voice wait walk wall want war warm wash watch water way wear
    week weekend weight welcome well went west wet whatever whether white whole wide wife win window
    winter wish within without woman wonder wood word work world worry worried worse worst write wrong
    yard yeah year yellow yesterday yet young anybody anywhere somebody somewhere nobody nowhere
    often sometimes usually weekly daily monthly yearly happens happened happening deal dealing
      handle handled handling sit sits sitting stand stands standing belong belongs
    everybody rather quickly correct wrong okay fine kindly please urgently properly
    """
))
