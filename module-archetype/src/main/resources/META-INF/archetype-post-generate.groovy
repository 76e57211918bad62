// Moves the generated module into Meridian's checkout and wires it in: a <module> line in the root POM, its api jar
// into the EAR's lib/, its WAR at /api/<module> before the root and admin web modules, which must come last, and
// both on the module rules' class path. Generation happens in target/ (the root POM's configuration of the plugin)
// because the plugin itself would rewrite the whole root POM to add the module, reformatting it. Everything is
// checked before anything is moved or written, so a refusal leaves the checkout as it was.
import java.nio.file.Files

def module = request.properties['module']
def generated = new File(request.outputDirectory, request.artifactId)

def refuse = { String why ->
    generated.deleteDir()
    throw new IllegalArgumentException("No module generated: ${why}")
}

// the plugin checks the archetype's pattern only when it asks interactively
def javaKeywords = ('abstract assert boolean break byte case catch char class const continue default do double else'
        + ' enum extends false final finally float for goto if implements import instanceof int interface long'
        + ' native new null package permits private protected public record return sealed short static strictfp'
        + ' super switch synchronized this throw throws transient true try var void volatile while yield').split(' ')
def sqlReserved = ('all analyse analyze and any array as asc asymmetric authorization binary both case cast check'
        + ' collate collation column concurrently constraint create cross default deferrable desc distinct do else'
        + ' end except false fetch for foreign freeze from full grant group having ilike in initially inner'
        + ' intersect into is isnull join lateral leading left like limit localtime localtimestamp natural not'
        + ' notnull null offset on only or order outer overlaps placing primary references returning right select'
        + ' similar some symmetric table tablesample then to trailing true union unique user using variadic verbose'
        + ' when where window with').split(' ')
// packages and schemas of the platform, and the names the four modules' roots, schemas and descriptors use
def taken = ['eventinfra', 'event_infra', 'launcher', 'server', 'payara', 'architecture', 'it', 'benchmarks',
             'archetype', 'admin', 'api', 'auth', 'user', 'users', 'notification', 'notifications', 'analytics',
             'public', 'information_schema']
if (!(module ==~ /[a-z][a-z0-9]{1,30}/)) {
    refuse("the module's name is 2 to 31 lowercase letters and digits, beginning with a letter, not '${module}'")
}
if (module in javaKeywords || module in sqlReserved || module.startsWith('pg_')) {
    refuse("'${module}' is a reserved word of Java or PostgreSQL; it would name a package and a schema")
}
if (module in taken) {
    refuse("'${module}' is the name of a module, a schema or a package Meridian has already")
}
if (request.groupId != 'dev.meridian' || request.properties['package'] != "dev.meridian.${module}") {
    refuse("Meridian's modules are in group dev.meridian and package dev.meridian.<module>: leave -DgroupId and"
            + " -Dpackage out")
}

def root = new File(request.outputDirectory).canonicalFile
while (root != null && !(new File(root, 'ear/pom.xml').isFile() && new File(root, 'pom.xml').isFile())) {
    root = root.parentFile
}
if (root == null) {
    println "Generated ${generated}; no Meridian checkout around it: add it to your root POM, ${module}-api and" +
            " ${module}-core (a WAR at /api/${module}) to your EAR, and both to your module rules' class path"
    return
}
def destination = new File(root, request.artifactId)
if (destination.exists()) {
    refuse("${destination} exists already")
}

/** A POM's text with \n line ends, and how to write it back with the ends it had. */
def read = { String path ->
    def file = new File(root, path)
    def text = file.getText('UTF-8')
    def crlf = text.contains('\r\n')
    [file: file, text: text.replace('\r\n', '\n'), save: { String edited ->
        file.write(crlf ? edited.replace('\n', '\r\n') : edited, 'UTF-8')
    }]
}
def insertBefore = { Map pom, String anchor, String lines ->
    def at = pom.text.indexOf(anchor)
    if (at < 0) {
        refuse("${pom.file} has no '${anchor.trim()}' to add ${module} before")
    }
    pom.text = pom.text.substring(0, at) + lines + pom.text.substring(at)
}
def rootPom = read('pom.xml')
def earPom = read('ear/pom.xml')
def architecturePom = read('architecture-tests/pom.xml')
for (pom in [rootPom, earPom, architecturePom]) {
    if (["<module>${request.artifactId}</module>", "<artifactId>${module}-api</artifactId>",
         "<artifactId>${module}-core</artifactId>"].any { pom.text.contains(it) }) {
        refuse("${pom.file} names ${module} already")
    }
}
if (earPom.text.contains("<contextRoot>/api/${module}</contextRoot>")) {
    refuse("ear/pom.xml serves another module at /api/${module}")
}

insertBefore(rootPom, '\n    </modules>', "\n        <module>${request.artifactId}</module>")
def apiJar = """\
        <dependency>
            <groupId>dev.meridian</groupId>
            <artifactId>${module}-api</artifactId>
            <version>\${project.version}</version>
"""
insertBefore(earPom, '    </dependencies>\n', """${apiJar}        </dependency>
        <dependency>
            <groupId>dev.meridian</groupId>
            <artifactId>${module}-core</artifactId>
            <version>\${project.version}</version>
            <type>war</type>
        </dependency>
""")
insertBefore(earPom, '                        <!-- every path under no other module', """\
                        <webModule>
                            <groupId>dev.meridian</groupId>
                            <artifactId>${module}-core</artifactId>
                            <contextRoot>/api/${module}</contextRoot>
                        </webModule>
""")
// the module rules (architecture-tests) find the modules on their class path
insertBefore(architecturePom, "        <!-- the cores' classes refer to these", """${apiJar}            <scope>test</scope>
        </dependency>
        <dependency>
            <groupId>dev.meridian</groupId>
            <artifactId>${module}-core</artifactId>
            <version>\${project.version}</version>
            <classifier>classes</classifier>
            <scope>test</scope>
        </dependency>
""")

Files.move(generated.toPath(), destination.toPath())
// The sources import the module's own package, which sorts anywhere among the others by its name: put each file's
// imports in the order the build checks (Spotless: static ones apart, then one alphabetical group).
destination.eachFileRecurse(groovy.io.FileType.FILES) { file ->
    if (file.name.endsWith('.java')) {
        def lines = file.readLines('UTF-8')
        def isImport = { String line -> line.startsWith('import ') && !line.startsWith('import static ') }
        def sorted = lines.findAll(isImport).sort(false)
        def next = 0
        file.write(lines.collect { isImport(it) ? sorted[next++] : it }.join('\n') + '\n', 'UTF-8')
    }
}
for (pom in [rootPom, earPom, architecturePom]) {
    pom.save(pom.text)
}
println "Generated ${destination}; added it to pom.xml, ${module}-api and ${module}-core (at /api/${module}) to" +
        " ear/pom.xml, and both to architecture-tests/pom.xml. Payara's EAR (payara/payara-server) does not have it."
