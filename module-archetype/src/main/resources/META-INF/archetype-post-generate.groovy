// Moves the generated module into Meridian's checkout and wires it in: a <module> line in the root POM, its api jar
// into the EAR's lib/, its WAR at /api/<module> before the root and admin web modules, which must come last, and
// both on the module rules' class path.
// Generation happens in target/ (the root POM's configuration of the plugin) because the plugin itself would
// rewrite the whole root POM to add the module, reformatting it.
import java.nio.file.Files
import java.util.regex.Matcher

def module = request.properties['module']
def groupId = request.groupId
def generated = new File(request.outputDirectory, request.artifactId)
def root = new File(request.outputDirectory).canonicalFile
while (root != null && !(new File(root, 'ear/pom.xml').isFile() && new File(root, 'pom.xml').isFile())) {
    root = root.parentFile
}
if (root == null) {
    println "Generated ${generated}; no Meridian checkout around it: add it to your root POM, and ${module}-api and" +
            " ${module}-core (a WAR at /api/${module}) to your EAR"
    return
}
def destination = new File(root, request.artifactId)
if (destination.exists()) {
    throw new IllegalStateException("${destination} exists already; the module is left in ${generated}")
}
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

def rootPom = new File(root, 'pom.xml')
def rootText = rootPom.getText('UTF-8')
rootText = rootText.replaceFirst('\n    </modules>', Matcher.quoteReplacement(
        "\n        <module>${request.artifactId}</module>\n    </modules>"))
rootPom.write(rootText, 'UTF-8')

def earPom = new File(root, 'ear/pom.xml')
def earText = earPom.getText('UTF-8')
def dependencies = """\
        <dependency>
            <groupId>${groupId}</groupId>
            <artifactId>${module}-api</artifactId>
            <version>\${project.version}</version>
        </dependency>
        <dependency>
            <groupId>${groupId}</groupId>
            <artifactId>${module}-core</artifactId>
            <version>\${project.version}</version>
            <type>war</type>
        </dependency>
    </dependencies>
"""
def rootModule = '                        <!-- every path under no other module'
if (!earText.contains(rootModule)) {
    throw new IllegalStateException("ear/pom.xml has no root web module to put ${module}-core before")
}
earText = earText.replaceFirst('    </dependencies>\n', Matcher.quoteReplacement(dependencies))
earText = earText.replace(rootModule, """\
                        <webModule>
                            <groupId>${groupId}</groupId>
                            <artifactId>${module}-core</artifactId>
                            <contextRoot>/api/${module}</contextRoot>
                        </webModule>
${rootModule}""")
earPom.write(earText, 'UTF-8')
// the module rules (architecture-tests) find the modules on their class path
def architecturePom = new File(root, 'architecture-tests/pom.xml')
def architectureText = architecturePom.getText('UTF-8')
def frameworkTypes = "        <!-- the cores' classes refer to these"
if (!architectureText.contains(frameworkTypes)) {
    throw new IllegalStateException("architecture-tests/pom.xml has no place for ${module}'s classes")
}
architecturePom.write(architectureText.replace(frameworkTypes, """\
        <dependency>
            <groupId>${groupId}</groupId>
            <artifactId>${module}-api</artifactId>
            <version>\${project.version}</version>
            <scope>test</scope>
        </dependency>
        <dependency>
            <groupId>${groupId}</groupId>
            <artifactId>${module}-core</artifactId>
            <version>\${project.version}</version>
            <classifier>classes</classifier>
            <scope>test</scope>
        </dependency>
${frameworkTypes}"""), 'UTF-8')
println "Generated ${destination}; added it to pom.xml, ${module}-api and ${module}-core (at /api/${module}) to" +
        " ear/pom.xml, and both to architecture-tests/pom.xml"
