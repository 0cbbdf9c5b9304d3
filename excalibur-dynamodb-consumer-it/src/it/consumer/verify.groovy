// The consumer's AWS SDK modules, as dependency:list wrote them: all at the parent's aws-sdk.version.
def listed = new File(basedir, 'aws-sdk-modules.txt').readLines()
        .collect { it.trim() }
        .findAll { it.startsWith('software.amazon.awssdk:') }
assert !listed.isEmpty() : 'dependency:list found no AWS SDK module'
def others = listed.findAll { it.split(':')[3] != awsSdkVersion }
assert others.isEmpty() : "AWS SDK modules not at ${awsSdkVersion}: ${others}"
return true
