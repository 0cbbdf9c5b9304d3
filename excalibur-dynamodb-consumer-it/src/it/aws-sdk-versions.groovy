// The AWS SDK jars on the class path a consumer's test ran with (surefire's report keeps it, also
// when the test failed): all at the parent's aws-sdk.version. Each consumer's verify.groovy runs it.
def reports = new File(basedir, 'target/surefire-reports').listFiles().findAll { it.name ==~ /TEST-.*\.xml/ }
assert reports : 'the consumer test wrote no surefire report'
def classPath = (reports[0].text =~ /name="surefire.test.class.path" value="([^"]*)"/)[0][1]
def sdkJars = classPath.split(File.pathSeparator)
        .collect { it.replace('\\', '/') }
        .findAll { it.contains('/software/amazon/awssdk/') }
        .collect { (it =~ /awssdk\/([^\/]+)\/([^\/]+)\/[^\/]+\.jar$/)[0] }
        .collect { [artifact: it[1], version: it[2]] }
assert sdkJars : 'no AWS SDK jar on the test class path'
def others = sdkJars.findAll { it.version != awsSdkVersion }
assert !others : "AWS SDK modules not at ${awsSdkVersion}: ${others.collect { it.artifact + ':' + it.version }}"
return true
